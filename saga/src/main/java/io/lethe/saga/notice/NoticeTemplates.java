package io.lethe.saga.notice;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.NoticeKind;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The notices' texts, one template per kind and language ({@code notices/notices*.properties}: English,
 * Japanese, Traditional Chinese), filled with what the request's events hold and nothing personal: the
 * request's reference, type, dates and reason, the law's authority, and the company's name. Staff
 * review them through the API's notice templates (rendered with sample values).
 */
@Component
public class NoticeTemplates {

    /** The languages notices are written in, as BCP 47 tags. */
    public static final List<String> LANGUAGES = List.of("en", "ja", "zh-TW");

    /** A notice written out. */
    public record Written(String language, String title, String body) {
    }

    /** What a notice says of its request; null where its events did not say. */
    public record Facts(String reference, Jurisdiction jurisdiction, @Nullable String requestType,
                        @Nullable Instant receivedAt, @Nullable LocalDate dueOn, @Nullable String reason) {
    }

    private final MessageSource texts;
    private final NoticeProperties properties;

    NoticeTemplates(NoticeProperties properties) {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("notices/notices");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        bundle.setUseCodeAsDefaultMessage(false);
        this.texts = bundle;
        this.properties = properties;
    }

    /** The language a subject of {@code jurisdiction} is written to. */
    public static String languageOf(Jurisdiction jurisdiction) {
        return switch (jurisdiction) {
            case JP -> "ja";
            case TW -> "zh-TW";
            default -> "en";
        };
    }

    /** The notice of {@code kind} in {@code language} (one of {@link #LANGUAGES}). */
    public Written write(NoticeKind kind, String language, Facts facts) {
        Locale locale = Locale.forLanguageTag(language);
        ZoneId zone = facts.jurisdiction().zone();
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        String type = facts.requestType() == null ? text("type.unknown", locale) : text("type." + facts.requestType(), locale);
        String received = facts.receivedAt() == null ? "—" : dates.format(LocalDate.ofInstant(facts.receivedAt(), zone));
        String due = facts.dueOn() == null ? "—" : dates.format(facts.dueOn());
        String reason = switch (kind) {
            case RECEIPT -> "";
            case EXTENSION -> text("extension.reason." + facts.reason(), locale);
            case DENIAL -> text("denial.reason." + facts.reason(), locale);
        };
        String complaint = text("complaint." + facts.jurisdiction().name(), locale);
        Object[] arguments = {facts.reference(), type, received, due, reason, complaint, properties.organisation()};
        String title = texts.getMessage("title." + kind.name(), arguments, locale);
        String body = texts.getMessage("body." + kind.name(), arguments, locale)
                + "\n\n" + texts.getMessage("signature", arguments, locale) + "\n";
        return new Written(language, title, body);
    }

    private String text(String key, Locale locale) {
        return texts.getMessage(key, null, locale);
    }
}
