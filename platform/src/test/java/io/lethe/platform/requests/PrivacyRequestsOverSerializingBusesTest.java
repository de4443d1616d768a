package io.lethe.platform.requests;

import org.springframework.test.context.TestPropertySource;

/** {@link PrivacyRequestsEndToEndTest}: one request per jurisdiction, with every command and query serialized as Axon Server would. */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class PrivacyRequestsOverSerializingBusesTest extends PrivacyRequestsEndToEndTest {
}
