package io.lethe.platform.privacycenter;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.SubjectId;
import org.springframework.stereotype.Component;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A product's word that its signed-in user is the subject (ADR 0025): a JWT the product signs with its
 * own key (ES256 with a P-256 key, or RS256/PS256 with an RSA key of 2,048 bits or more), whose public
 * half the operator configures ({@code lethe.privacy-center.products.<name>.public-key}, PEM). It names
 * the product ({@code iss}), this platform's privacy center ({@code aud}), the subject ({@code sub}), the
 * right asked for ({@code right}, a request type's code), and a single id ({@code jti}); it lives five
 * minutes at most and is taken once. Anything else is refused, and the refusal says only which rule it
 * broke. Any product configured may vouch for any subject: configure only products that hold the
 * accounts.
 */
@Component
class SignedAssertions {

    /** The audience every assertion must name. */
    static final String AUDIENCE = "lethe-privacy-center";
    /** The longest an assertion may live, from its issue to its expiry. */
    static final Duration LONGEST = Duration.ofMinutes(5);
    /** How far the product's clock may be from this one's. */
    static final Duration SKEW = Duration.ofSeconds(30);
    private static final Pattern PRODUCT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{8,48}");
    private static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256);
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256);

    /** What a valid assertion says. */
    record Assertion(String product, String id, SubjectId subjectId, RequestType type, Instant expiresAt) {

        /** The evidence the verification records: the product and the assertion's id, nothing personal. */
        String evidence() {
            return "assertion:" + product + ":" + id;
        }
    }

    /** Why an assertion was refused. */
    enum Refused {
        MALFORMED, UNKNOWN_PRODUCT, BAD_SIGNATURE, WRONG_AUDIENCE, EXPIRED, TOO_LONG_LIVED, BAD_CLAIMS
    }

    /** An assertion checked: what it says, or why it was refused. */
    record Checked(Optional<Assertion> assertion, Refused refused) {
    }

    private final Map<String, PublicKey> products = new LinkedHashMap<>();
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    SignedAssertions(PrivacyCenterProperties properties, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this(properties, jdbc, Clock.systemUTC());
    }

    SignedAssertions(PrivacyCenterProperties properties, org.springframework.jdbc.core.simple.JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        properties.products().forEach((name, product) -> {
            if (!PRODUCT.matcher(name).matches()) {
                throw new IllegalStateException("lethe.privacy-center.products: a product's name is 1 to 32 lower-case "
                        + "letters, digits or '-', starting with a letter or digit");
            }
            products.put(name, publicKey(name, product.publicKey()));
        });
    }

    Checked check(String compact) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(compact == null ? "" : compact.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException malformed) {
            return refused(Refused.MALFORMED);
        }
        String product = claims.getIssuer();
        PublicKey key = product == null ? null : products.get(product);
        if (key == null) {
            return refused(Refused.UNKNOWN_PRODUCT);
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        try {
            JWSVerifier verifier;
            if (key instanceof ECPublicKey ec && EC.contains(algorithm)) {
                verifier = new ECDSAVerifier(ec);
            } else if (key instanceof RSAPublicKey rsa && RSA.contains(algorithm)) {
                verifier = new RSASSAVerifier(rsa);
            } else {
                return refused(Refused.BAD_SIGNATURE);
            }
            if (!jwt.verify(verifier)) {
                return refused(Refused.BAD_SIGNATURE);
            }
        } catch (JOSEException unusable) {
            return refused(Refused.BAD_SIGNATURE);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
            return refused(Refused.WRONG_AUDIENCE);
        }
        Instant now = clock.instant();
        Date issued = claims.getIssueTime();
        Date expires = claims.getExpirationTime();
        if (issued == null || expires == null || expires.toInstant().isBefore(issued.toInstant())
                || Duration.between(issued.toInstant(), expires.toInstant()).compareTo(LONGEST) > 0
                || issued.toInstant().isAfter(now.plus(SKEW))) {
            return refused(Refused.TOO_LONG_LIVED);
        }
        if (!now.isBefore(expires.toInstant().plus(SKEW))
                || (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(SKEW)))) {
            return refused(Refused.EXPIRED);
        }
        try {
            String id = claims.getJWTID();
            String right = claims.getStringClaim("right");
            if (id == null || !ID.matcher(id).matches() || claims.getSubject() == null || right == null) {
                return refused(Refused.BAD_CLAIMS);
            }
            Optional<RequestType> type = java.util.Arrays.stream(RequestType.values()).filter(t -> t.code().equals(right)).findFirst();
            if (type.isEmpty()) {
                return refused(Refused.BAD_CLAIMS);
            }
            return new Checked(Optional.of(new Assertion(product, id, SubjectId.of(claims.getSubject()), type.get(),
                    expires.toInstant())), null);
        } catch (ParseException | IllegalArgumentException badClaims) {
            return refused(Refused.BAD_CLAIMS);
        }
    }

    /**
     * Takes the assertion for its one use: false when it was used before (a second post of it, or a copy
     * captured on its way), which then opens nothing.
     */
    boolean take(Assertion assertion) {
        return jdbc.sql("""
                        INSERT INTO privacy_center_assertion (product, assertion_id, expires_at) VALUES (:product, :id, :expires)
                        ON CONFLICT (product, assertion_id) DO NOTHING""")
                .param("product", assertion.product())
                .param("id", assertion.id())
                .param("expires", assertion.expiresAt().atOffset(java.time.ZoneOffset.UTC))
                .update() == 1;
    }

    /** Used assertions a day past their expiry, which nothing could take again anyway. */
    int purge(Instant before) {
        return jdbc.sql("DELETE FROM privacy_center_assertion WHERE expires_at < :before")
                .param("before", before.atOffset(java.time.ZoneOffset.UTC))
                .update();
    }

    private static Checked refused(Refused why) {
        return new Checked(Optional.empty(), why);
    }

    private static PublicKey publicKey(String name, String pem) {
        String base64 = pem == null ? "" : pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("lethe.privacy-center.products." + name + ".public-key is not a PEM public key");
        }
        for (String algorithm : new String[]{"EC", "RSA"}) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
                    throw new IllegalStateException("lethe.privacy-center.products." + name + ".public-key: an RSA key "
                            + "of at least 2,048 bits");
                }
                if (key instanceof ECPublicKey ec && com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams())
                        != com.nimbusds.jose.jwk.Curve.P_256) {
                    throw new IllegalStateException("lethe.privacy-center.products." + name + ".public-key: an EC key "
                            + "on P-256");
                }
                return key;
            } catch (java.security.GeneralSecurityException notThisKind) {
                // try the next kind
            }
        }
        throw new IllegalStateException("lethe.privacy-center.products." + name + ".public-key is neither an EC nor an RSA public key");
    }
}
