package io.lethe.platform.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.util.UrlPathHelper;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The console's language: English or Japanese (the company's own privacy staff in Japan work in it).
 * The browser's Accept-Language chooses at first; the switch in every page's header ({@code ?lang=ja}
 * or {@code ?lang=en}) overrides it, remembered in a cookie that only the console's pages receive.
 * Everything outside {@code /console} keeps Spring Boot's default (the Accept-Language header as sent),
 * so the API answers exactly as before and its own {@code lang} parameters mean only what they meant.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleLocaleConfiguration implements WebMvcConfigurer {

    /** The console's languages; English is what anyone else sees. */
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.JAPANESE);

    /** The privacy center's languages: the console's and Traditional Chinese, for the people of Taiwan. */
    static final List<Locale> PUBLIC_LANGUAGES = List.of(Locale.ENGLISH, Locale.JAPANESE, Locale.TRADITIONAL_CHINESE);

    /** The query parameter of the language switch. */
    static final String PARAMETER = "lang";

    /** Replaces Spring Boot's resolver, which steps back where a bean of this name exists. */
    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        return new ConsoleLocaleResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(PARAMETER);
        // a link is a GET; a form's field of that name (none today) never switches the language
        change.setHttpMethods("GET");
        // ?lang=xx is not an error: it is English, as for any language the console does not speak
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**", "/privacy-center", "/privacy-center/**");
    }

    /** The language the console speaks for a wish: Japanese for Japanese in any region, else English. */
    static Locale spoken(Locale wished) {
        return wished != null && Locale.JAPANESE.getLanguage().equals(wished.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
    }

    /** The language the privacy center speaks for a wish: Japanese, Chinese (as written in Taiwan), else English. */
    static Locale spokenInPublic(Locale wished) {
        if (wished != null && Locale.CHINESE.getLanguage().equals(wished.getLanguage())) {
            return Locale.TRADITIONAL_CHINESE;
        }
        return spoken(wished);
    }

    /**
     * The console's choice on its own pages, and the privacy center's on its own: each area remembers a
     * choice in a cookie only its pages receive and otherwise follows the browser's preferences among the
     * languages it speaks. Everywhere else, the header's (as Spring Boot's default).
     */
    static final class ConsoleLocaleResolver implements LocaleResolver {

        private static final UrlPathHelper PATHS = new UrlPathHelper();

        /** Everywhere but the console and the privacy center: as Spring Boot resolves by default. */
        private final AcceptHeaderLocaleResolver elsewhere = new AcceptHeaderLocaleResolver();
        private final List<Area> areas = List.of(
                new Area("/console", "lethe-console-lang", LANGUAGES, ConsoleLocaleConfiguration::spoken),
                new Area("/privacy-center", "lethe-privacy-center-lang", PUBLIC_LANGUAGES, ConsoleLocaleConfiguration::spokenInPublic));

        /** Pages under {@code path}, with their languages ({@code spoken} maps any wish to one of them). */
        private record Area(String path, CookieLocaleResolver choice, UnaryOperator<Locale> spoken) {

            Area(String path, String cookie, List<Locale> languages, UnaryOperator<Locale> spoken) {
                this(path, new CookieLocaleResolver(cookie), spoken);
                // the browser's preferences in their order, the first the area speaks; English when none is
                AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
                browser.setSupportedLocales(languages);
                browser.setDefaultLocale(Locale.ENGLISH);
                choice.setDefaultLocaleFunction(request -> spoken.apply(browser.resolveLocale(request)));
                choice.setCookiePath(path);
                choice.setCookieMaxAge(Duration.ofDays(365));
                choice.setCookieHttpOnly(true);
                choice.setCookieSameSite("Lax");
            }

            boolean covers(HttpServletRequest request) {
                String within = PATHS.getPathWithinApplication(request);
                return within.equals(path) || within.startsWith(path + "/");
            }
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return area(request).map(area -> area.spoken().apply(area.choice().resolveLocale(request)))
                    .orElseGet(() -> elsewhere.resolveLocale(request));
        }

        @Override
        public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
            Optional<Area> area = area(request);
            if (area.isEmpty()) {
                elsewhere.setLocale(request, response, locale);
                return;
            }
            // no language (?lang=) forgets the choice, and the browser's preference speaks again
            area.get().choice().setLocale(request, response, locale == null ? null : area.get().spoken().apply(locale));
        }

        private Optional<Area> area(HttpServletRequest request) {
            return areas.stream().filter(area -> area.covers(request)).findFirst();
        }
    }
}
