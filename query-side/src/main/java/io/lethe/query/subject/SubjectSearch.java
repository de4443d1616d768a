package io.lethe.query.subject;

import io.lethe.core.crypto.BlindIndex;
import io.lethe.core.crypto.PersonalDataSeals;
import io.lethe.core.personaldata.Redaction;
import io.lethe.core.subject.SubjectSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * Finding subjects by e-mail address without the address stored anywhere in plaintext: the summaries
 * in the address's blind-index bucket are the candidates, and each candidate's sealed address is
 * opened under its subject's key and compared here, so only true matches leave this class (and only
 * they are disclosed, and logged as read). An erased subject's sealed address cannot be opened, and
 * its bucket is cleared: erasure takes the subject out of every search.
 */
@Component
public class SubjectSearch {

    /** The blind index's purpose for e-mail addresses. */
    static final String EMAIL = "subject-email";
    /** The most subjects one search answers: an address is one person's, and a few accounts at most. */
    static final int MAX_MATCHES = 20;
    /** Candidates are read and compared a page at a time, until enough match or the buckets are exhausted. */
    private static final int PAGE = 500;

    private final JdbcClient jdbc;
    private final BlindIndex index;
    private final PersonalDataSeals seals;

    SubjectSearch(JdbcClient jdbc, BlindIndex index, PersonalDataSeals seals) {
        this.jdbc = jdbc;
        this.index = index;
        this.seals = seals;
    }

    /** An address as it is compared and indexed: without surrounding space, in lower case. */
    static String normalised(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** The subjects whose current address is {@code email}, newest registration first. */
    public List<SubjectSummary> byEmail(String email) {
        String wanted = normalised(email);
        Integer[] buckets = index.buckets(EMAIL, wanted).toArray(Integer[]::new);
        List<SubjectSummary> matches = new java.util.ArrayList<>();
        // a crowded bucket (an address many imported accounts share, say) is read to its end, a page at a time
        for (long offset = 0; matches.size() < MAX_MATCHES; offset += PAGE) {
            List<SubjectSummary> candidates = jdbc.sql("SELECT " + SubjectSummaryProjection.COLUMNS
                            + " FROM subject_summary WHERE email_bucket = ANY(:buckets)"
                            + " ORDER BY registered_at DESC, subject_id LIMIT :limit OFFSET :offset")
                    .param("buckets", buckets)
                    .param("limit", PAGE)
                    .param("offset", offset)
                    .query(SubjectSummaryProjection.ROW)
                    .list();
            candidates.stream().filter(candidate -> holds(candidate, wanted))
                    .limit(MAX_MATCHES - matches.size()).forEach(matches::add);
            if (candidates.size() < PAGE) {
                break;
            }
        }
        return matches;
    }

    /** Whether the candidate's current address, opened under its subject's key, is the one wanted. */
    private boolean holds(SubjectSummary candidate, String wanted) {
        String held = seals.open(candidate.subjectId().toString(), "email", candidate.email());
        return held != null && !Redaction.ERASED.equals(held) && normalised(held).equals(wanted);
    }
}
