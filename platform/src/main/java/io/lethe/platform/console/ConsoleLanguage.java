package io.lethe.platform.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UrlPathHelper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the console's pages need of their language beyond {@code #{…}}: the texts its script shows, and
 * the addresses of the language switch, put in each page's model ({@link #addTo}).
 */
@Component
class ConsoleLanguage {

    /** The script's texts are the bundle's keys with this prefix, handed over without it. */
    static final String SCRIPT = "script.";
    static final String BUNDLE = "console/messages.properties";

    /** The address as the browser sent it, not decoded, so that it is sent back the same. */
    private static final UrlPathHelper PATHS = UrlPathHelper.rawPathInstance;

    private final MessageSource messages;
    private final JsonMapper json;
    private final List<String> scriptKeys;
    private final Map<Locale, String> scriptTexts = new ConcurrentHashMap<>();

    ConsoleLanguage(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
        this.scriptKeys = keys(BUNDLE).stream().filter(key -> key.startsWith(SCRIPT)).sorted().toList();
    }

    /** Adds {@code scriptTexts} and {@code switchTo} (the switch's address per language tag) to a page's model. */
    void addTo(org.springframework.ui.Model model) {
        model.addAttribute("scriptTexts", scriptTexts());
        Map<String, String> switchTo = new LinkedHashMap<>();
        ConsoleLocaleConfiguration.LANGUAGES.forEach(language -> switchTo.put(language.getLanguage(), switchTo(language.getLanguage())));
        model.addAttribute("switchTo", switchTo);
    }

    /**
     * The script's texts in the page's language as JSON, safe inside a {@code <script type="application/json">}
     * element: {@code <}, {@code >} and {@code &} only ever occur inside its strings, written as escapes there.
     */
    String scriptTexts() {
        return scriptTexts.computeIfAbsent(LocaleContextHolder.getLocale(), locale -> {
            Map<String, String> texts = new LinkedHashMap<>();
            // no arguments: the script fills {0}, {1} itself, and an apostrophe stays an apostrophe
            scriptKeys.forEach(key -> texts.put(key.substring(SCRIPT.length()), messages.getMessage(key, null, locale)));
            return json.writeValueAsString(texts).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        });
    }

    /**
     * This page's address in another language: the same path and query (the filters a person set), with
     * the switch's parameter. The originating address, so that a page a forward answered (the access denied
     * page) switches to itself.
     */
    String switchTo(String tag) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        return UriComponentsBuilder.fromPath(PATHS.getOriginatingRequestUri(request))
                .query(PATHS.getOriginatingQueryString(request))
                .replaceQueryParam(ConsoleLocaleConfiguration.PARAMETER, tag)
                .build().toUriString();
    }

    /** The keys of a bundle on the class path, in no particular order. */
    static List<String> keys(String bundle) {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(bundle).getInputStream()) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("The console's texts (" + bundle + ") cannot be read", unreadable);
        }
        return properties.stringPropertyNames().stream().toList();
    }
}
