package io.lethe.query.report;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.Purpose;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.databind.json.JsonMapper;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The access report as the document the subject receives: one self-contained, printable HTML page in
 * the subject's language — English, Japanese or Traditional Chinese — with every page of the report
 * joined, dates in the subject's law's calendar and zone, and the policy's words (purposes, rights,
 * retention) in that language rather than the API's codes. The texts are in {@code report/messages*.properties}.
 */
final class ReportDocument {

    /** The languages a document is written in. */
    enum Language {
        EN("en", Locale.ENGLISH), JA("ja", Locale.JAPANESE), ZH_TW("zh-TW", Locale.TRADITIONAL_CHINESE);

        final String tag;
        final Locale locale;

        Language(String tag, Locale locale) {
            this.tag = tag;
            this.locale = locale;
        }

        /** The language a subject of this law reads by default: Japanese in Japan, Traditional Chinese in Taiwan. */
        static Language of(Jurisdiction jurisdiction) {
            return switch (jurisdiction) {
                case JP -> JA;
                case TW -> ZH_TW;
                default -> EN;
            };
        }

        static Optional<Language> tagged(String tag) {
            return Arrays.stream(values()).filter(language -> language.tag.equalsIgnoreCase(tag)).findFirst();
        }
    }

    private static final TemplateEngine TEMPLATES = templates();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReportDocument() {
    }

    /** The document of a report read page by page ({@code pages}: page 0 first, all of them). */
    static String render(List<AccessReport> pages, Language language) {
        AccessReport first = pages.get(0);
        Jurisdiction law = Jurisdiction.fromCode(first.jurisdiction());
        Texts t = new Texts(language, law.zone());
        Context context = new Context(language.locale);
        context.setVariable("lang", language.tag);
        context.setVariable("t", t.all());
        context.setVariable("subject", first.subjectId());
        context.setVariable("law", t.get("law." + first.jurisdiction()));
        context.setVariable("asOf", t.instant(first.asOf()));
        context.setVariable("basis", t.get("basis." + first.jurisdiction()));
        context.setVariable("collectedSince", first.collectedSince() == null ? null : t.instant(first.collectedSince()));
        context.setVariable("status", first.accountStatus() == null ? null : t.get("status." + first.accountStatus()));
        context.setVariable("erased", first.erasedClasses().stream().map(code -> t.get("class." + code)).toList());

        List<Map<String, Object>> categories = new ArrayList<>();
        for (AccessReport.Category category : first.categories()) {
            List<Map<String, String>> pieces = new ArrayList<>();
            for (AccessReport page : pages) {
                page.categories().stream().filter(other -> other.category().equals(category.category()))
                        .flatMap(other -> other.pieces().stream())
                        .forEach(piece -> pieces.add(Map.of("field", t.field(piece.field()), "value", t.value(piece.value()),
                                "collectedAt", t.instant(piece.collectedAt()), "source", t.source(piece.source()))));
            }
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("name", t.get("category." + category.category()) + " (" + category.category() + ")");
            shown.put("pieces", pieces);
            shown.put("total", category.piecesTotal());
            shown.put("more", category.piecesTotal() > pieces.size()
                    ? MessageFormat.format(t.get("morePieces"), category.piecesTotal() - pieces.size()) : null);
            categories.add(shown);
        }
        context.setVariable("categories", categories);
        context.setVariable("sources", pages.stream().flatMap(page -> page.sources().stream()).distinct().map(t::source).toList());
        context.setVariable("purposes", first.purposes().stream().map(t::purpose).toList());
        context.setVariable("thirdParties", pages.stream().flatMap(page -> page.thirdParties().stream()).map(disclosure -> Map.of(
                "organisation", disclosure.organisation(), "country", disclosure.country(),
                "recipientCategory", t.get("recipient." + disclosure.recipientCategory()),
                "categories", String.join(", ", disclosure.categories().stream().map(c -> t.get("category." + c)).toList()),
                "saleOrSharing", t.get(disclosure.saleOrSharing() ? "yes" : "no"), "foreign", t.get(disclosure.foreign() ? "yes" : "no"),
                "providedOn", t.date(disclosure.providedOn()), "keptUntil", t.date(disclosure.keptUntil()))).toList());
        context.setVariable("receivedFrom", pages.stream().flatMap(page -> page.receivedFrom().stream()).map(receipt -> Map.of(
                "organisation", receipt.organisation(), "country", receipt.country(),
                "background", t.value(receipt.backgroundOfAcquisition()),
                "categories", String.join(", ", receipt.categories().stream().map(c -> t.get("category." + c)).toList()),
                "receivedOn", t.date(receipt.receivedOn()), "keptUntil", t.date(receipt.keptUntil()))).toList());
        context.setVariable("consents", first.consents().stream().map(code -> t.get("consent." + code)).toList());
        context.setVariable("limits", first.limitsInForce().stream().map(code -> t.get("right." + code)).toList());
        context.setVariable("sensitive", pages.stream().flatMap(page -> page.sensitiveInformation().stream()).map(item -> Map.of(
                "category", t.get("sensitive." + item.category()), "content", t.value(item.content()),
                "basis", t.get("sensitiveBasis." + item.basis()), "collectedAt", t.instant(item.collectedAt()))).toList());
        // what the law calls it: APPI's special care-required information, the CPRA's sensitive information, …
        context.setVariable("sensitiveTitle", t.get("sensitive." + first.jurisdiction()));
        context.setVariable("retention", first.retention().stream().map(retention -> Map.of(
                "kind", t.get("class." + retention.retentionClass()),
                "categories", String.join(", ", retention.categories().stream().map(c -> t.get("category." + c)).toList()),
                "criteria", t.retention(law, retention.retentionClass()))).toList());
        context.setVariable("rights", first.rights().stream().map(code -> t.get("right." + code)).toList());
        return TEMPLATES.process("access-report", context);
    }

    /** One language's texts, and how values read in it. */
    private static final class Texts {

        private final ResourceBundle bundle;
        private final DateTimeFormatter instants;
        private final DateTimeFormatter dates;
        private final ZoneId zone;

        Texts(Language language, ZoneId zone) {
            this.bundle = ResourceBundle.getBundle("report/messages", language.locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            this.zone = zone;
            this.instants = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG).withLocale(language.locale);
            this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language.locale);
        }

        Map<String, String> all() {
            Map<String, String> all = new LinkedHashMap<>();
            bundle.keySet().forEach(key -> all.put(key, bundle.getString(key)));
            return all;
        }

        String get(String key) {
            return bundle.containsKey(key) ? bundle.getString(key) : key;
        }

        String instant(Instant instant) {
            return instant == null ? "—" : instants.format(instant.atZone(zone));
        }

        String date(LocalDate date) {
            return date == null ? "—" : dates.format(date);
        }

        /** A piece's name: a known field in the language; a compound one ({@code <provider>.email}) by its last part. */
        String field(String field) {
            if (bundle.containsKey("field." + field)) {
                return bundle.getString("field." + field);
            }
            int dot = field.lastIndexOf('.');
            return dot > 0 && bundle.containsKey("field." + field.substring(dot + 1))
                    ? field.substring(0, dot) + " — " + bundle.getString("field." + field.substring(dot + 1)) : field;
        }

        String value(Object value) {
            if (value == null) {
                return "—";
            }
            if (value instanceof LocalDate date) {
                return date(date);
            }
            if (value instanceof Instant instant) {
                return instant(instant);
            }
            // a single value as it reads; a structured one (a card's expiry and last digits) as JSON
            String text = value instanceof String string ? string
                    : value instanceof Number || value instanceof Boolean || value instanceof Enum<?> ? String.valueOf(value)
                    : JSON.writeValueAsString(value);
            return text.equals("[erased]") ? get("erased") : text;
        }

        /** Where a piece came from, in the language; the report's sources are written in English by the fold. */
        String source(String source) {
            if (source == null) {
                return "—";
            }
            if (source.equals("the subject, at account registration")) {
                return get("source.registration");
            }
            if (source.equals("the subject, by updating the profile")) {
                return get("source.profile");
            }
            if (source.startsWith("the subject, by linking a ") && source.endsWith(" login")) {
                return MessageFormat.format(get("source.login"), source.substring(26, source.length() - 6));
            }
            if (source.equals("the subject's use of the Service (purchases)")) {
                return get("source.purchases");
            }
            if (source.equals(AccessReports.ACTIVITY_SOURCE)) {
                return get("source.activity");
            }
            if (source.startsWith(AccessReports.NOTE_SOURCE)) {
                return MessageFormat.format(get("source.note"), source.substring(AccessReports.NOTE_SOURCE.length()));
            }
            if (source.startsWith("third party: ")) {
                return MessageFormat.format(get("source.thirdParty"), source.substring(13));
            }
            return source.startsWith("privacy staff, correcting it on request") ? get("source.correction") : source;
        }

        String purpose(String description) {
            return Arrays.stream(Purpose.values()).filter(purpose -> purpose.description().equals(description)).findFirst()
                    .map(purpose -> get("purpose." + purpose.name())).orElse(description);
        }

        String retention(Jurisdiction law, String retentionClass) {
            String general = get("retention.general");
            if (law == Jurisdiction.TW) {
                return general + " " + get("retention.TW");
            }
            return general + " " + get("FINANCIAL".equals(retentionClass) ? "retention.FINANCIAL" : "retention.other");
        }
    }

    private static TemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportDocument.class.getClassLoader());
        resolver.setPrefix("report/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        // Spring's expression language, as the console's pages use it (no OGNL on the class path)
        TemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
