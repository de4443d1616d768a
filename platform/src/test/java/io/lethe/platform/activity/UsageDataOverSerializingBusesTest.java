package io.lethe.platform.activity;

import org.springframework.test.context.TestPropertySource;

/** {@link UsageDataEndToEndTest} with every command, query and event serialized as Axon Server would. */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class UsageDataOverSerializingBusesTest extends UsageDataEndToEndTest {
}
