package io.lethe.platform.ops;

import org.springframework.test.context.TestPropertySource;

/** {@link ProcessingFailuresTest}: faults, parking and failed deadlines, with every command and query serialized as Axon Server would. */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class ProcessingFailuresOverSerializingBusesTest extends ProcessingFailuresTest {
}
