package io.lethe.query.request;

import jakarta.annotation.Nullable;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request metrics a business discloses in its privacy policy each year (CCPA Regs §7102(a)):
 * per request type, how many were received, complied with in whole or in part, and denied, and
 * the median and mean number of days to respond. Counted over the requests <em>received</em> in
 * the calendar year in the jurisdiction's zone; the days run from receipt to the day of the
 * response (fulfilment or denial), on the same calendar. Read from the request log, which is
 * rebuilt from the events on a replay and never purged, so a past year's figures can be
 * reproduced at any time; they change only while a request of that year is still open.
 */
@Component
class RequestMetrics {

    /** One request type's figures. {@code medianDays}/{@code meanDays} are null when none was answered. */
    record TypeMetrics(@Schema(implementation = RequestType.class) String type, long received, long compliedInWholeOrPart, long denied, long open,
                       Map<String, Long> deniedByReason, @Nullable BigDecimal medianDays, @Nullable BigDecimal meanDays) {
    }

    record YearMetrics(int year, @Schema(implementation = Jurisdiction.class) String jurisdiction,
                       @Schema(maxLength = BASIS_LENGTH) String basis,
                       // one per request type, each once: RequestType's 20 at most
                       @ArraySchema(maxItems = 20) List<TypeMetrics> requestTypes) {

        /**
         * The basis names the year (2020 to 2100) and the jurisdiction's zone: with the longest zone,
         * {@code America/Los_Angeles}, 110 characters.
         */
        static final int BASIS_LENGTH = 128;
    }

    private final JdbcClient jdbc;
    private final RequestRules rules;

    RequestMetrics(JdbcClient jdbc, RequestRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    YearMetrics of(Year year, Jurisdiction jurisdiction) {
        ZoneId zone = jurisdiction.zone();
        Map<String, TypeMetrics> byType = new LinkedHashMap<>();
        for (RequestType type : rules.granted(jurisdiction)) {
            byType.put(type.code(), new TypeMetrics(type.code(), 0, 0, 0, 0, Map.of(), null, null));
        }
        Map<String, Map<String, Long>> denials = new TreeMap<>();
        jdbc.sql("""
                        SELECT type, denial_reason, count(*) AS denied FROM privacy_request
                        WHERE jurisdiction = :jurisdiction AND received_at >= :from AND received_at < :to
                          AND status = 'DENIED'
                        GROUP BY type, denial_reason""")
                .param("jurisdiction", jurisdiction.code())
                .param("from", year.atDay(1).atStartOfDay(zone).toOffsetDateTime())
                .param("to", year.plusYears(1).atDay(1).atStartOfDay(zone).toOffsetDateTime())
                .query(row -> {
                    denials.computeIfAbsent(row.getString("type"), type -> new TreeMap<>())
                            .put(String.valueOf(row.getString("denial_reason")), row.getLong("denied"));
                });
        jdbc.sql("""
                        SELECT type,
                               count(*) AS received,
                               count(*) FILTER (WHERE status = 'FULFILLED') AS complied,
                               count(*) FILTER (WHERE status = 'DENIED') AS denied,
                               count(*) FILTER (WHERE closed_at IS NULL) AS open,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days,
                               avg(days) AS mean_days
                        FROM (SELECT type, status, closed_at,
                                     CASE WHEN closed_at IS NOT NULL
                                          THEN (closed_at AT TIME ZONE :zone)::date - (received_at AT TIME ZONE :zone)::date
                                     END AS days
                              FROM privacy_request
                              WHERE jurisdiction = :jurisdiction AND received_at >= :from AND received_at < :to) requests
                        GROUP BY type""")
                .param("zone", zone.getId())
                .param("jurisdiction", jurisdiction.code())
                .param("from", year.atDay(1).atStartOfDay(zone).toOffsetDateTime())
                .param("to", year.plusYears(1).atDay(1).atStartOfDay(zone).toOffsetDateTime())
                .query(row -> {
                    String type = row.getString("type");
                    byType.put(type, new TypeMetrics(type, row.getLong("received"), row.getLong("complied"),
                            row.getLong("denied"), row.getLong("open"), denials.getOrDefault(type, Map.of()),
                            days(row.getBigDecimal("median_days")), days(row.getBigDecimal("mean_days"))));
                });
        return new YearMetrics(year.getValue(), jurisdiction.code(),
                "requests received " + year + "-01-01 to " + year + "-12-31 (" + zone.getId() + "); days from receipt "
                        + "to response, calendar days", new ArrayList<>(byType.values()));
    }

    /** The figures as CSV, one row per request type, for the privacy policy's disclosure. */
    /**
     * The longest CSV table: the header and a row per request type, each number at its longest (a count's
     * 19 digits, days to one decimal); {@code RequestMetricsCsvTest} builds that table.
     */
    static final int CSV_MAX_LENGTH = 4096;

    static String csv(YearMetrics metrics) {
        StringBuilder csv = new StringBuilder(
                "year,jurisdiction,request_type,received,complied_in_whole_or_part,denied,open,median_days,mean_days\r\n");
        for (TypeMetrics type : metrics.requestTypes()) {
            csv.append(metrics.year()).append(',').append(metrics.jurisdiction()).append(',').append(type.type())
                    .append(',').append(type.received()).append(',').append(type.compliedInWholeOrPart())
                    .append(',').append(type.denied()).append(',').append(type.open())
                    .append(',').append(type.medianDays() == null ? "" : type.medianDays().toPlainString())
                    .append(',').append(type.meanDays() == null ? "" : type.meanDays().toPlainString())
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static BigDecimal days(BigDecimal value) {
        return value == null ? null : value.setScale(1, RoundingMode.HALF_UP);
    }
}
