package io.lethe.saga.notice;

import io.lethe.core.breach.BreachLetter;
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
 * request's reference, type, dates and reason, the law's authority, and the company's name; a breach's
 * notice carries the sections staff wrote. Staff review them all at {@code GET /api/notice-templates}
 * and on the console's Notice templates page, filled with sample values ({@link #samples}).
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
    private final String organisation;

    @org.springframework.beans.factory.annotation.Autowired
    NoticeTemplates(NoticeProperties properties) {
        this(properties.organisation());
    }

    /** The templates signed by {@code organisation}: for a node that reviews them without sending any. */
    public NoticeTemplates(String organisation) {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("notices/notices");
        bundle.setDefaultEncoding("UTF-8");
        bundle.setFallbackToSystemLocale(false);
        bundle.setUseCodeAsDefaultMessage(false);
        this.texts = bundle;
        this.organisation = organisation;
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
        Object[] arguments = {facts.reference(), type, received, due, reason, complaint, organisation};
        String title = texts.getMessage("title." + kind.name(), arguments, locale);
        String body = texts.getMessage("body." + kind.name(), arguments, locale)
                + "\n\n" + texts.getMessage("signature", arguments, locale) + "\n";
        return new Written(language, title, body);
    }

    /**
     * A breach's notice to one of the people affected under a duty of {@code jurisdiction}'s law, in
     * {@code language}: the sections staff wrote under the prescribed headings, where to complain, and
     * the breach's reference.
     */
    public Written writeBreach(String language, Jurisdiction jurisdiction, String reference, BreachLetter letter) {
        Locale locale = Locale.forLanguageTag(language);
        Object[] arguments = {reference, letter.whatHappened(), letter.whatInformationWasInvolved(), letter.whatWeAreDoing(),
                letter.whatYouCanDo(), text("complaint." + jurisdiction.name(), locale), organisation,
                letter.forMoreInformation()};
        return new Written(language, texts.getMessage("title.BREACH", arguments, locale),
                texts.getMessage("body.BREACH", arguments, locale) + "\n\n" + texts.getMessage("signature", arguments, locale) + "\n");
    }

    /** A template for staff to review: a kind of notice in one language, filled with sample values. */
    public record Sample(String kind, Jurisdiction jurisdiction, String language, String title, String body) {
    }

    /**
     * Every template as each law's people receive it (in their language, with their authority to
     * complain to), filled with sample values: a request received {@code today} and due 45 days later,
     * the first reason of each list, a breach letter of placeholders.
     */
    public List<Sample> samples(LocalDate today) {
        List<Sample> samples = new java.util.ArrayList<>();
        for (Jurisdiction jurisdiction : Jurisdiction.values()) {
            String language = jurisdiction.language();
            for (NoticeKind kind : NoticeKind.values()) {
                String reason = switch (kind) {
                    case RECEIPT -> null;
                    case EXTENSION -> io.lethe.core.request.ExtensionReason.values()[0].name();
                    case DENIAL -> io.lethe.core.request.DenialReason.values()[0].name();
                };
                Written written = write(kind, language, new Facts("00000000-0000-0000-0000-000000000000", jurisdiction,
                        null, today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), today.plusDays(45), reason));
                samples.add(new Sample(kind.name(), jurisdiction, language, written.title(), written.body()));
            }
            Written breach = writeBreach(language, jurisdiction, "00000000", new BreachLetter("[What happened]",
                    "[What information was involved]", "[What we are doing]", "[What you can do]", "[For more information]"));
            samples.add(new Sample("BREACH", jurisdiction, language, breach.title(), breach.body()));
        }
        return samples;
    }

    private String text(String key, Locale locale) {
        return texts.getMessage(key, null, locale);
    }
}
