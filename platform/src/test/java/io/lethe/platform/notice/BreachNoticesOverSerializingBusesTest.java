package io.lethe.platform.notice;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link BreachNoticesByMailTest}: the mailings, the refusals and the notices' records with every
 * command and query serialized as Axon Server would (the letter, the notices' ids, the subject lookups).
 */
@TestPropertySource(properties = "lethe.test.serializing-buses=true")
class BreachNoticesOverSerializingBusesTest extends BreachNoticesByMailTest {
}
