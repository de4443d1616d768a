package io.lethe.platform.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** An allowed origin is written as a browser sends it; anything else would never match, and is said at start-up. */
class CorsSettingsTest {

    @Test
    void originsAreSchemeHostAndPort() {
        LetheSecurityProperties.Cors cors = new LetheSecurityProperties.Cors(
                List.of("https://privacy.example.com", " http://localhost:3000 ", ""), null);
        assertThat(cors.allowedOrigins()).containsExactly("https://privacy.example.com", "http://localhost:3000");
        assertThat(cors.maxAge()).isEqualTo(Duration.ofHours(1));
        assertThat(new LetheSecurityProperties.Cors(null, null).allowedOrigins()).isEmpty();
    }

    @Test
    void aPathAWildcardOrATrailingSlashIsRefused() {
        for (String origin : List.of("https://privacy.example.com/", "https://*.example.com", "*", "privacy.example.com",
                "https://privacy.example.com/center")) {
            assertThatIllegalStateException().isThrownBy(() -> new LetheSecurityProperties.Cors(List.of(origin), null))
                    .withMessageContaining("lethe.security.cors.allowed-origins");
        }
    }
}
