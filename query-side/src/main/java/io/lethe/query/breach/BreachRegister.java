package io.lethe.query.breach;

import jakarta.annotation.Nullable;
import io.lethe.core.breach.BreachRisk;
import io.lethe.core.breach.DutyKind;
import io.lethe.core.breach.Recipient;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.validation.Lengths;
import io.lethe.query.JurisdictionGauges;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.lethe.query.Columns.instant;
import static io.lethe.query.Columns.strings;

/** The breach register for privacy staff, with each duty's clock; and the open and overdue duty gauges. */
@RestController
@Tag(name = "Breach register", description = "Breaches and their notification clocks")
@org.springframework.validation.annotation.Validated
class BreachRegister {

    private static final String BREACHES = """
            SELECT b.*, (SELECT min(due_at) FROM breach_duty d WHERE d.breach_id = b.breach_id AND d.state = 'OPEN')
                AS next_due_at
            FROM breach b""";

    private final JdbcClient jdbc;

    BreachRegister(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        new JurisdictionGauges(meters, "lethe.breach.duties.open", "Breach notification duties neither sent nor lifted",
                "lethe.breach.duties.overdue", "Open breach notification duties past their deadline", this::openAndOverdue);
    }

    /** The most breaches the register lists. */
    static final int MAX_BREACHES = 500;

    /**
     * A duty with its clock: {@code overdue} is computed against the current time. Its id is its kind's
     * ({@code gdpr-authority}), and its id and basis are kept in 64 and 300 ({@code breach_duty}).
     */
    record Duty(@Schema(maxLength = 64) String dutyId, @Schema(implementation = DutyKind.class) String kind,
                @Schema(implementation = Jurisdiction.class) String jurisdiction,
                @Schema(implementation = Recipient.class) String recipient,
                @Schema(maxLength = 300) String basis, @Nullable Instant dueAt,
                @Schema(allowableValues = {"OPEN", "SENT", "LIFTED"}) String state, boolean overdue,
                @Nullable Instant escalatedAt, @Nullable Instant sentAt,
                @Nullable @Schema(maxLength = Lengths.REFERENCE) String reference) {
    }

    /**
     * {@code affected}: how many people are affected per jurisdiction, {@code JP=120,US-CA=3}; at most every
     * jurisdiction once. {@code duties}: one per kind of duty at most.
     */
    record BreachView(@Schema(format = "uuid") String breachId, Instant awareAt, Instant reportedAt,
                      @Schema(allowableValues = {"REPORTED", "ASSESSED", "NOTIFIED", "NOTHING_OWED", "CLOSED"}) String status,
                      @Nullable @Schema(implementation = BreachRisk.class) String risk,
                      @Schema(maxLength = AFFECTED_LENGTH) String affected,
                      @ArraySchema(schema = @Schema(implementation = DataCategory.class), uniqueItems = true) List<String> categories,
                      boolean sensitive, boolean financialDamageRisk, boolean malicious,
                      boolean encryptedKeySafe, @Nullable @Schema(maxLength = Lengths.REFERENCE) String summaryReference,
                      int affectedSubjects, @Nullable Instant clarifiedAt,
                      @Nullable Instant closedAt, @Nullable Instant nextDueAt,
                      // DutyKind's 11
                      @ArraySchema(maxItems = 11) List<Duty> duties) {

        /** Jurisdiction's 6, each with its code (5 at most), '=' and a count (an int: 11 with a sign), ',' between. */
        static final int AFFECTED_LENGTH = 6 * (5 + 1 + 11) + 5;
    }

    @ApiResponse(responseCode = "200", description = "The register.", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = BreachView.class), maxItems = MAX_BREACHES)))
    @ApiResponse(responseCode = "422", description = "`invalid-state`: `state` is neither open nor all.")
    @GetMapping("/api/breaches")
    @Operation(operationId = "listBreaches", summary = "The breach register",
            description = "Open breaches first, the one with the nearest open deadline first; `state=all` includes "
                    + "closed ones. Every duty with its basis, deadline and whether it is met, lifted or overdue. A page "
                    + "at a time: `size` breaches (at most and by default " + MAX_BREACHES + ") from page `page`.")
    List<BreachView> list(@RequestParam(defaultValue = "open") @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"open", "all"}, defaultValue = "open")) String state,
                          @io.swagger.v3.oas.annotations.Parameter(description = "the page, from 0")
                          @RequestParam(defaultValue = "0") @jakarta.validation.constraints.Min(0)
                          @jakarta.validation.constraints.Max(1_000_000) int page,
                          @io.swagger.v3.oas.annotations.Parameter(description = "breaches per page")
                          @RequestParam(defaultValue = "" + MAX_BREACHES) @jakarta.validation.constraints.Min(1)
                          @jakarta.validation.constraints.Max(MAX_BREACHES) int size) {
        if (!state.equals("open") && !state.equals("all")) {
            throw RefusedException.because("invalid-state", Refusal.Kind.UNPROCESSABLE,
"state must be open or all.");
        }
        return withDuties(jdbc.sql(BREACHES + """
                         WHERE (:all OR b.closed_at IS NULL)
                        ORDER BY (b.closed_at IS NULL) DESC, next_due_at ASC NULLS LAST, b.aware_at DESC, b.breach_id
                        LIMIT :limit OFFSET :offset""")
                .param("all", state.equals("all"))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((row, number) -> breach(row))
                .list());
    }

    @ApiResponse(responseCode = "200", description = "The breach with its duties.")
    @ApiResponse(responseCode = "404", description = "`breach-not-found`: no breach with this id is known.")
    @GetMapping("/api/breaches/{breachId}")
    @Operation(operationId = "getBreach", summary = "One breach with its duties")
    BreachView find(@PathVariable UUID breachId) {
        List<BreachView> found = withDuties(jdbc.sql(BREACHES + " WHERE b.breach_id = :id")
                .param("id", breachId)
                .query((row, number) -> breach(row))
                .list());
        if (found.isEmpty()) {
            throw RefusedException.because("breach-not-found", Refusal.Kind.NOT_FOUND,
                    "No breach with this id is known.");
        }
        return found.get(0);
    }

    private Map<String, long[]> openAndOverdue() {
        Map<String, long[]> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT jurisdiction, count(*) AS open, count(*) FILTER (WHERE due_at <= now()) AS overdue
                        FROM breach_duty WHERE state = 'OPEN' GROUP BY jurisdiction""")
                .query(row -> {
                    counts.put(row.getString("jurisdiction"), new long[] {row.getLong("open"), row.getLong("overdue")});
                });
        return counts;
    }

    /** A breach row without its duties yet; {@link #withDuties} adds them. */
    private static BreachView breach(ResultSet row) throws SQLException {
        return new BreachView(row.getObject("breach_id", UUID.class).toString(),
                instant(row.getObject("aware_at", OffsetDateTime.class)),
                instant(row.getObject("reported_at", OffsetDateTime.class)), row.getString("status"), row.getString("risk"),
                row.getString("affected"), strings(row.getArray("categories")), row.getBoolean("sensitive"),
                row.getBoolean("financial_risk"), row.getBoolean("malicious"), row.getBoolean("encrypted_key_safe"),
                row.getString("summary_reference"), row.getInt("affected_subjects"),
                instant(row.getObject("clarified_at", OffsetDateTime.class)),
                instant(row.getObject("closed_at", OffsetDateTime.class)),
                instant(row.getObject("next_due_at", OffsetDateTime.class)), List.of());
    }

    /**
     * A breach's status as the register shows it: one assessed with nothing left to send reads as
     * NOTIFIED when it sent at least one notice, and as NOTHING_OWED when every duty was lifted or none
     * arose (it notified nobody, and must not be said to have).
     */
    static String status(String recorded, String risk, List<Duty> duties) {
        if ("CLOSED".equals(recorded) || risk == null || duties.stream().anyMatch(duty -> "OPEN".equals(duty.state()))) {
            return recorded;
        }
        return duties.stream().anyMatch(duty -> "SENT".equals(duty.state())) ? "NOTIFIED" : "NOTHING_OWED";
    }

    /** The duties of all the given breaches in one query, and each breach's status from them. */
    private List<BreachView> withDuties(List<BreachView> breaches) {
        if (breaches.isEmpty()) {
            return breaches;
        }
        Instant now = Instant.now();
        Map<String, List<Duty>> duties = new HashMap<>();
        jdbc.sql("""
                        SELECT * FROM breach_duty WHERE breach_id = ANY(:ids)
                        ORDER BY breach_id, due_at NULLS LAST, duty_id""")
                .param("ids", breaches.stream().map(breach -> UUID.fromString(breach.breachId())).toArray(UUID[]::new))
                .query(duty -> {
                    Instant due = instant(duty.getObject("due_at", OffsetDateTime.class));
                    String dutyState = duty.getString("state");
                    duties.computeIfAbsent(duty.getString("breach_id"), id -> new ArrayList<>()).add(new Duty(
                            duty.getString("duty_id"), duty.getString("kind"), duty.getString("jurisdiction"),
                            duty.getString("recipient"), duty.getString("basis"), due, dutyState,
                            "OPEN".equals(dutyState) && due != null && !now.isBefore(due),
                            instant(duty.getObject("overdue_since", OffsetDateTime.class)),
                            instant(duty.getObject("sent_at", OffsetDateTime.class)), duty.getString("reference")));
                });
        List<BreachView> views = new ArrayList<>();
        for (BreachView breach : breaches) {
            List<Duty> own = duties.getOrDefault(breach.breachId(), List.of());
            String status = status(breach.status(), breach.risk(), own);
            views.add(new BreachView(breach.breachId(), breach.awareAt(), breach.reportedAt(), status, breach.risk(),
                    breach.affected(), breach.categories(), breach.sensitive(), breach.financialDamageRisk(),
                    breach.malicious(), breach.encryptedKeySafe(), breach.summaryReference(), breach.affectedSubjects(),
                    breach.clarifiedAt(), breach.closedAt(), breach.nextDueAt(), own));
        }
        return views;
    }
}
