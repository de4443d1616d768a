package io.lethe.query.request;

import io.lethe.query.JurisdictionGauges;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code lethe.requests.open} and {@code lethe.requests.overdue}, per jurisdiction. */
@Component
class RequestGauges {

    RequestGauges(RequestQueue queue, MeterRegistry meters) {
        new JurisdictionGauges(meters, "lethe.requests.open", "Data-subject requests not yet fulfilled or denied",
                "lethe.requests.overdue", "Open data-subject requests past their due date",
                queue::openAndOverdueByJurisdiction);
    }
}
