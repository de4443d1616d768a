package io.lethe.query.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.lethe.query.Columns.instant;
import static io.lethe.query.Columns.strings;
import static io.lethe.query.Columns.utc;

/** Reads the request queue's tables. */
@Component
public class RequestQueue {

    /** Which requests a listing shows. */
    enum State {
        OPEN, CLOSED, ALL
    }

    private static final String COLUMNS = """
            request_id, subject_id, jurisdiction, type, kind, requester, channel, status, received_at, due_on, due_at,
            clock_stopped, acknowledge_by, acknowledged_at, acknowledgement_overdue_since, identity_verified_at,
            identity_evidence_received_at, fee_currency, fee_minor_units, fee_settlement,
            extended_at, extension_reason, reminded_at, overdue_since, closed_at, denial_reason, response_reference,
            erasure_method, erased_classes, withheld_classes, withheld_by, processors_confirmed, erasure_completed_at""";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final io.lethe.core.request.RequestRules rules;

    RequestQueue(JdbcClient jdbc, io.lethe.core.request.RequestRules rules) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
        this.rules = rules;
    }

    /** The orders a queue is read in; each ends on the request id, so pages never overlap or skip. */
    enum Order {
        /** Open requests overdue first, then by due time; closed ones by when they closed, latest first. */
        DUE("(closed_at IS NULL) DESC, (closed_at IS NULL AND due_at <= :now) DESC, "
                + "CASE WHEN closed_at IS NULL THEN due_at END ASC, closed_at DESC, request_id"),
        /** Latest received first. */
        RECEIVED_DESC("received_at DESC, request_id"),
        /** Earliest received first. */
        RECEIVED("received_at ASC, request_id");

        final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** Open requests overdue first, then by due time; closed ones by when they closed, latest first. */
    List<RequestView> list(State state, Jurisdiction jurisdiction, RequestType type, UUID subjectId, int page, int size) {
        return list(state, jurisdiction, type, subjectId, Order.DUE, page, size);
    }

    List<RequestView> list(State state, Jurisdiction jurisdiction, RequestType type, UUID subjectId, Order order,
                           int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (state == State.OPEN) {
            where.append(" AND closed_at IS NULL");
        } else if (state == State.CLOSED) {
            where.append(" AND closed_at IS NOT NULL");
        }
        if (jurisdiction != null) {
            where.append(" AND jurisdiction = :jurisdiction");
            params.put("jurisdiction", jurisdiction.code());
        }
        if (type != null) {
            where.append(" AND type = :type");
            params.put("type", type.code());
        }
        if (subjectId != null) {
            where.append(" AND subject_id = :subject");
            params.put("subject", subjectId);
        }
        params.put("now", utc(clock.instant()));
        params.put("limit", size);
        params.put("offset", (long) page * size);
        return jdbc.sql("SELECT " + COLUMNS + " FROM privacy_request" + where + " ORDER BY " + order.sql
                        + " LIMIT :limit OFFSET :offset")
                .params(params)
                .query((row, number) -> view(row, List.of()))
                .list();
    }

    public Optional<RequestView> find(UUID requestId) {
        List<RequestView.ProcessorWork> processors = processorWork(null, null, false, requestId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM privacy_request WHERE request_id = :id")
                .param("id", requestId)
                .param("now", utc(clock.instant()))
                .query((row, number) -> view(row, processors))
                .optional();
    }

    /** What processors were directed to do: one processor's or all, one action or both, pending or all, one request or all. */
    List<RequestView.ProcessorWork> processorWork(String processor, String action, boolean pendingOnly, UUID requestId) {
        return processorWork(processor, action, pendingOnly, requestId, 0, RequestView.WORK_LIMIT);
    }

    /** A page of processor work, soonest due first. */
    List<RequestView.ProcessorWork> processorWork(String processor, String action, boolean pendingOnly, UUID requestId,
                                                  int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (processor != null) {
            where.append(" AND processor = :processor");
            params.put("processor", processor);
        }
        if (action != null) {
            where.append(" AND action = :action");
            params.put("action", action);
        }
        if (pendingOnly) {
            where.append(" AND confirmed_at IS NULL");
        }
        if (requestId != null) {
            where.append(" AND request_id = :id");
            params.put("id", requestId);
        }
        return jdbc.sql("""
                        SELECT request_id, subject_id, processor, action, fields, requested_at, confirm_by, confirmed_at,
                               reference, overdue_since,
                               (SELECT jurisdiction FROM privacy_request r WHERE r.request_id = processor_work.request_id)
                                   AS jurisdiction
                        FROM processor_work""" + where + " ORDER BY confirm_by, request_id, processor LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((row, number) -> new RequestView.ProcessorWork(row.getString("request_id"),
                        row.getString("subject_id"), row.getString("processor"), row.getString("action"),
                        row.getArray("fields") == null ? null : List.of((String[]) row.getArray("fields").getArray()),
                        instant(row.getObject("requested_at", OffsetDateTime.class)),
                        instant(row.getObject("confirm_by", OffsetDateTime.class)),
                        instant(row.getObject("confirmed_at", OffsetDateTime.class)), row.getString("reference"),
                        instant(row.getObject("overdue_since", OffsetDateTime.class)), row.getString("jurisdiction")))
                .list();
    }

    /** Whether {@code processor} was directed to correct for the request (it may then read the corrected values). */
    boolean directedToCorrect(UUID requestId, String processor) {
        return jdbc.sql("SELECT count(*) FROM processor_work WHERE request_id = :id AND processor = :processor AND action = 'CORRECT'")
                .param("id", requestId).param("processor", processor).query(Long.class).single() > 0;
    }

    /**
     * The open requests per law by due window, each window in the law's own calendar (its today), and the
     * processors' work still owed: open requests are grouped by law, due day and clock in the database, so
     * the rows read are a few per due day, whatever the number of requests.
     */
    RequestOverview overview() {
        java.time.Instant now = clock.instant();
        Map<String, long[]> counts = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        SELECT jurisdiction, due_on, clock_stopped, bool_or(due_at <= :now) AS past, count(*) AS n
                        FROM privacy_request WHERE closed_at IS NULL GROUP BY jurisdiction, due_on, clock_stopped""")
                .param("now", utc(now))
                .query(row -> {
                    Jurisdiction law = Jurisdiction.fromCode(row.getString("jurisdiction"));
                    long[] line = counts.computeIfAbsent(law.code(), code -> new long[6]);
                    long n = row.getLong("n");
                    java.time.LocalDate today = java.time.LocalDate.ofInstant(now, law.zone());
                    java.time.LocalDate due = row.getDate("due_on").toLocalDate();
                    line[0] += n;
                    if (row.getBoolean("clock_stopped")) {
                        line[5] += n;
                    } else if (row.getBoolean("past")) {
                        line[1] += n;
                    } else if (!due.isAfter(today.plusDays(7))) {
                        line[2] += n;
                    } else if (!due.isAfter(today.plusDays(30))) {
                        line[3] += n;
                    } else {
                        line[4] += n;
                    }
                });
        List<RequestOverview.Law> laws = java.util.Arrays.stream(Jurisdiction.values())
                .filter(law -> counts.containsKey(law.code()))
                .map(law -> {
                    long[] line = counts.get(law.code());
                    return new RequestOverview.Law(law.code(), line[0], line[1], line[2], line[3], line[4], line[5]);
                })
                .toList();
        Map<String, Object> work = jdbc.sql("""
                        SELECT count(*) AS owed, count(*) FILTER (WHERE overdue_since IS NOT NULL OR confirm_by <= :now) AS late
                        FROM processor_work WHERE confirmed_at IS NULL""")
                .param("now", utc(now))
                .query().singleRow();
        return new RequestOverview(now, laws, ((Number) work.get("owed")).longValue(), ((Number) work.get("late")).longValue());
    }

    /** Open and overdue requests per jurisdiction, for the gauges. */
    Map<String, long[]> openAndOverdueByJurisdiction() {
        Map<String, long[]> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT jurisdiction, count(*) AS open, count(*) FILTER (WHERE due_at <= :now AND NOT clock_stopped) AS overdue
                        FROM privacy_request WHERE closed_at IS NULL GROUP BY jurisdiction""")
                .param("now", utc(clock.instant()))
                .query(row -> {
                    counts.put(row.getString("jurisdiction"), new long[] {row.getLong("open"), row.getLong("overdue")});
                });
        return counts;
    }

    private RequestView view(ResultSet row, List<RequestView.ProcessorWork> processors) throws SQLException {
        java.time.Instant dueAt = instant(row.getObject("due_at", OffsetDateTime.class));
        java.time.Instant closedAt = instant(row.getObject("closed_at", OffsetDateTime.class));
        String currency = row.getString("fee_currency");
        RequestView.Fee fee = currency == null ? null
                : new RequestView.Fee(currency, row.getLong("fee_minor_units"), row.getString("fee_settlement"));
        java.time.Instant extendedAt = instant(row.getObject("extended_at", OffsetDateTime.class));
        RequestView.Extension extension = extendedAt == null ? null
                : new RequestView.Extension(extendedAt, row.getString("extension_reason"));
        String method = row.getString("erasure_method");
        RequestView.Certificate certificate = method == null ? null : new RequestView.Certificate(method,
                strings(row.getArray("erased_classes")), strings(row.getArray("withheld_classes")),
                strings(row.getArray("withheld_by")), strings(row.getArray("processors_confirmed")),
                instant(row.getObject("erasure_completed_at", OffsetDateTime.class)));
        return new RequestView(row.getString("request_id"), row.getString("subject_id"), row.getString("jurisdiction"),
                row.getString("type"), row.getString("kind"), row.getString("requester"), row.getString("channel"),
                row.getString("status"), instant(row.getObject("received_at", OffsetDateTime.class)),
                row.getDate("due_on").toLocalDate(), dueAt, row.getBoolean("clock_stopped"),
                closedAt == null && !row.getBoolean("clock_stopped") && !clock.instant().isBefore(dueAt),
                instant(row.getObject("overdue_since", OffsetDateTime.class)),
                row.getDate("acknowledge_by") == null ? null : row.getDate("acknowledge_by").toLocalDate(),
                instant(row.getObject("acknowledged_at", OffsetDateTime.class)),
                instant(row.getObject("acknowledgement_overdue_since", OffsetDateTime.class)),
                instant(row.getObject("identity_verified_at", OffsetDateTime.class)),
                instant(row.getObject("identity_evidence_received_at", OffsetDateTime.class)), fee, extension,
                instant(row.getObject("reminded_at", OffsetDateTime.class)), closedAt, row.getString("denial_reason"),
                row.getString("response_reference"), certificate,
                RequestStep.applying(Jurisdiction.fromCode(row.getString("jurisdiction")), RequestType.fromCode(row.getString("type")),
                        io.lethe.core.request.RequestStatus.valueOf(row.getString("status")), closedAt != null,
                        row.getDate("acknowledge_by") != null && row.getObject("acknowledged_at") == null,
                        currency != null && row.getString("fee_settlement") == null, extendedAt != null,
                        row.getBoolean("clock_stopped"), rules),
                processors);
    }
}
