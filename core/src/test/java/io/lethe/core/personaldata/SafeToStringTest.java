package io.lethe.core.personaldata;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.SubjectId;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class SafeToStringTest {

    @Test
    void personalFieldsNeverReachToString() {
        SubjectId subject = SubjectId.random();
        String text = new AccountRegisteredEvent(subject, Jurisdiction.TW, "Lin Mei", LocalDate.of(1985, 2, 3),
                "No. 7, Xinyi Rd, Taipei", "mei@example.tw", "pics/mei.png", "TW12345678").toString();

        assertThat(text)
                .contains(subject.toString(), "TW", "name=" + SafeToString.HIDDEN)
                .doesNotContain("Lin Mei", "1985", "Xinyi", "mei@example.tw", "pics/mei.png", "TW12345678");
    }

    @Test
    void absentPersonalFieldsShowAsNull() {
        assertThat(new CardHint(null, "4242").toString()).isEqualTo("CardHint[expiry=null, lastFour=" + SafeToString.HIDDEN + "]");
    }
}
