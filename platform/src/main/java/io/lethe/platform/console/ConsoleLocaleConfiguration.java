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

    /** The console's choice on its own pages, the header's (as Spring Boot's default) everywhere else. */
    static final class ConsoleLocaleResolver implements LocaleResolver {

        private static final UrlPathHelper PATHS = new UrlPathHelper();

        /** Everywhere but the console: as Spring Boot resolves by default. */
        private final AcceptHeaderLocaleResolver elsewhere = new AcceptHeaderLocaleResolver();
        private final CookieLocaleResolver console = new CookieLocaleResolver("lethe-console-lang");
        private final CookieLocaleResolver privacyCenter = new CookieLocaleResolver("lethe-privacy-center-lang");

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
            AcceptHeaderLocaleResolver visitor = new AcceptHeaderLocaleResolver();
            visitor.setSupportedLocales(PUBLIC_LANGUAGES);
            visitor.setDefaultLocale(Locale.ENGLISH);
            privacyCenter.setDefaultLocaleFunction(request -> spokenInPublic(visitor.resolveLocale(request)));
            privacyCenter.setCookiePath("/privacy-center");
            privacyCenter.setCookieMaxAge(Duration.ofDays(365));
            privacyCenter.setCookieHttpOnly(true);
            privacyCenter.setCookieSameSite("Lax");
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            if (isPrivacyCenter(request)) {
                return spokenInPublic(privacyCenter.resolveLocale(request));
            }
            return isConsole(request) ? spoken(console.resolveLocale(request)) : elsewhere.resolveLocale(request);
        }

        @Override
        public void setLocale(HttpServletRequest request, @Nullable HttpServletResponse response, @Nullable Locale locale) {
            if (isPrivacyCenter(request)) {
                privacyCenter.setLocale(request, response, locale == null ? null : spokenInPublic(locale));
                return;
            }
            if (!isConsole(request)) {
                elsewhere.setLocale(request, response, locale);
                return;
            }
            // no language (?lang=) forgets the choice, and the browser's preference speaks again
            console.setLocale(request, response, locale == null ? null : spoken(locale));
        }

        private static boolean isPrivacyCenter(HttpServletRequest request) {
            String path = PATHS.getPathWithinApplication(request);
            return path.equals("/privacy-center") || path.startsWith("/privacy-center/");
        }

        private static boolean isConsole(HttpServletRequest request) {
            String path = PATHS.getPathWithinApplication(request);
            return path.equals("/console") || path.startsWith("/console/");
        }
    }
}
