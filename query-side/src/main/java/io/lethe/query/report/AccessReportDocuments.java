package io.lethe.query.report;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestRules;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.SubjectRefusals;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The access report as the subject's document: every page of the report joined, in the subject's
 * language, as one self-contained HTML page. Staff download it for the subject (the API), and the
 * subject downloads it from the privacy center; each caller logs the read its own way.
 */
@Component
public class AccessReportDocuments {

    /** A document written: its HTML, its language tag and the file name it is served under. */
    public record Written(String html, String language, String fileName) {

        @Override
        public String toString() {
            return "Written[" + fileName + "]";
        }
    }

    private final SubjectEvents subjectEvents;
    private final RequestRules rules;

    AccessReportDocuments(SubjectEvents subjectEvents, RequestRules rules) {
        this.subjectEvents = subjectEvents;
        this.rules = rules;
    }

    /** Whether {@code tag} names a language the document is written in ({@code en}, {@code ja}, {@code zh-TW}). */
    public static boolean speaks(String tag) {
        return ReportDocument.Language.tagged(tag).isPresent();
    }

    /**
     * The subject's document as of {@code at} ({@code since} reaching the lookback further, US-CA), in
     * {@code languageTag} or, when null, in the language of the subject's law.
     *
     * @throws io.lethe.core.refusal.RefusedException {@code subject-not-found} for a subject without history
     */
    public Written write(SubjectId subjectId, Instant at, @Nullable LocalDate since, @Nullable String languageTag) {
        List<Recorded> events = subjectEvents.of(subjectId);
        if (events.isEmpty()) {
            throw SubjectRefusals.notFound();
        }
        List<AccessReport> pages = new ArrayList<>();
        pages.add(AccessReports.build(subjectId.toString(), events, at, since, rules, 0));
        for (int page = 1; page < pages.get(0).pages(); page++) {
            pages.add(AccessReports.build(subjectId.toString(), events, at, since, rules, page));
        }
        Optional<ReportDocument.Language> asked = languageTag == null ? Optional.empty() : ReportDocument.Language.tagged(languageTag);
        ReportDocument.Language written = asked.orElseGet(() -> ReportDocument.Language.of(Jurisdiction.fromCode(pages.get(0).jurisdiction())));
        String file = "access-report-" + subjectId + "-" + LocalDate.ofInstant(at, ZoneOffset.UTC) + "-" + written.tag + ".html";
        return new Written(ReportDocument.render(pages, written), written.tag, file);
    }
}
