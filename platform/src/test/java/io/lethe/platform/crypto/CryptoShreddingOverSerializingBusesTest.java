package io.lethe.platform.crypto;

import org.springframework.test.context.TestPropertySource;

/** {@link CryptoShreddingIntegrationTest}: crypto-shredding, with every command and query serialized as Axon Server would. */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class CryptoShreddingOverSerializingBusesTest extends CryptoShreddingIntegrationTest {
}
