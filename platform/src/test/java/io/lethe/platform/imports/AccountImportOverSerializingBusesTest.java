package io.lethe.platform.imports;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link AccountImportTest} with every command, query and event serialized as Axon Server would: each
 * account's command, with its nested logins, purchases and consents, goes through the sealing serializer
 * and back before its subject handles it.
 */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class AccountImportOverSerializingBusesTest extends AccountImportTest {
}
