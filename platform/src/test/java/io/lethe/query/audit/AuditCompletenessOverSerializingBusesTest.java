package io.lethe.query.audit;

import org.springframework.test.context.TestPropertySource;

/** {@link AuditCompletenessTest} with every command and query serialized as Axon Server would. */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class AuditCompletenessOverSerializingBusesTest extends AuditCompletenessTest {
}
