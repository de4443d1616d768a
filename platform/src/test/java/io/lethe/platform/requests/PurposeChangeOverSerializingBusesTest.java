package io.lethe.platform.requests;

import org.springframework.test.context.TestPropertySource;

/** {@link PurposeChangeEndToEndTest}: the purpose-change notices, whose saga pages the subject summaries through the query bus, with every command and query serialized as Axon Server would. */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class PurposeChangeOverSerializingBusesTest extends PurposeChangeEndToEndTest {
}
