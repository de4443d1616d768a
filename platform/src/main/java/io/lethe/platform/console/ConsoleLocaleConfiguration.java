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
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }

    /** The language the console speaks for a wish: Japanese for Japanese in any region, else English. */
    static Locale spoken(Locale wished) {
        return wished != null && Locale.JAPANESE.getLanguage().equals(wished.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
    }

    /** The console's choice on its own pages, the header's (as Spring Boot's default) everywhere else. */
    static final class ConsoleLocaleResolver implements LocaleResolver {

        private static final UrlPathHelper PATHS = new UrlPathHelper();

        /** Everywhere but the console: as Spring Boot resolves by default. */
        private final AcceptHeaderLocaleResolver elsewhere = new AcceptHeaderLocaleResolver();
        private final CookieLocaleResolver console = new CookieLocaleResolver("lethe-console-lang");

        ConsoleLocaleResolver() {
            // the browser's preferences in their order, the first the console speaks; English when none is
            AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
            browser.setSupportedLocales(LANGUAGES);
            browser.setDefaultLocale(Locale.ENGLISH);
            console.setDefaultLocaleFunction(browser::resolveLocale);
            console.setCookiePath("/console");
            console.setCookieMaxAge(Duration.ofDays(365));
            console.setCookieHttpOnly(true);
            console.setCookieSameSite("Lax");
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return isConsole(request) ? spoken(console.resolveLocale(request)) : elsewhere.resolveLocale(request);
        }

        @Override
        public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
            if (!isConsole(request)) {
                elsewhere.setLocale(request, response, locale);
                return;
            }
            // no language (?lang=) forgets the choice, and the browser's preference speaks again
            console.setLocale(request, response, locale == null ? null : spoken(locale));
        }

        private static boolean isConsole(HttpServletRequest request) {
            String path = PATHS.getPathWithinApplication(request);
            return path.equals("/console") || path.startsWith("/console/");
        }
    }
}
