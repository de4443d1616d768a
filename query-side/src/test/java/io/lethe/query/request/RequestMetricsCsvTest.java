package io.lethe.query.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV table of a year's metrics fits the length the API description states for it, at its longest. */
class RequestMetricsCsvTest {

    @Test
    void theLongestTableFitsItsStatedLength() {
        String longestJurisdiction = Arrays.stream(Jurisdiction.values()).map(Jurisdiction::code)
                .max(Comparator.comparingInt(String::length)).orElseThrow();
        // days from receipt to response, for requests received 2020 to 2100 and answered by then
        BigDecimal days = new BigDecimal("29585.0");
        var types = Arrays.stream(RequestType.values()).map(type -> new RequestMetrics.TypeMetrics(type.code(),
                Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Map.of(), days, days)).toList();
        String csv = RequestMetrics.csv(new RequestMetrics.YearMetrics(2100, longestJurisdiction, "basis", types));
        assertThat(csv.split("\r\n")).hasSize(RequestType.values().length + 1);
        assertThat(csv.length()).isLessThanOrEqualTo(RequestMetrics.CSV_MAX_LENGTH);
    }
}
