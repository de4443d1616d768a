package io.lethe.platform.audit;

import org.springframework.test.context.TestPropertySource;

/** {@link AuditAndRebuildIntegrationTest}: the audit history and rebuilds, with every command and query serialized as Axon Server would. */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class AuditOverSerializingBusesTest extends AuditAndRebuildIntegrationTest {
}
