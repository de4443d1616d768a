package io.lethe.platform.web;

import io.lethe.platform.crypto.PlatformSecrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The idempotency keys of {@link IdempotencyFilter}, in table {@code idempotency_key} of the platform's
 * database (so every node sees every key, and a restart forgets none). A row is found by a keyed
 * digest of caller and key, and holds a keyed fingerprint of the request and, once it is done, its
 * answer sealed: neither the key (which a caller might make of personal data), nor the request, nor
 * the answer rests in the clear. Rows are dropped once their retention has passed.
 *
 * <p>Each statement commits on its own, on one pooled connection at a time: a claim is visible to
 * every other node before the request runs, and the request's own transactions are untouched. A
 * running request renews its claim's lease; only a claim whose lease has lapsed — its process is gone —
 * can be taken over, and the attempt that took it over owns the row by its claim token.
 */
final class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final String PURPOSE = "idempotency-key";

    private final JdbcClient jdbc;
    private final PlatformSecrets secrets;
    private final Duration retention;
    private final Duration lease;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final java.util.concurrent.ScheduledExecutorService renewals = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "lethe-idempotency-leases");
                thread.setDaemon(true);
                return thread;
            });

    IdempotencyKeys(JdbcClient jdbc, PlatformSecrets secrets, Duration retention, Duration lease) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.retention = retention;
        this.lease = lease;
    }

    /** One attempt: who sent it with which key, and what it asks. */
    record Request(String caller, String key, String method, String target, String contentType, byte[] body) {
        @Override
        public String toString() {
            return "Request[" + method + " " + target + "]";
        }
    }

    /** The answer a request got, as it is given again. */
    record Answer(int status, String location, String contentType, byte[] body, String position) {
    }

    /** What the key says of an attempt. */
    sealed interface Claim {
        /**
         * The attempt is the first (or takes over one whose process is gone): run it. {@code token} owns
         * the row while the attempt renews its lease; {@code seed} is the request's, the same on every
         * attempt, whichever node and KEK made it.
         */
        record Owned(byte[] callerKey, byte[] token, byte[] seed) implements Claim {
        }

        /** The same request ran already: here is its answer. */
        record Done(Answer answer) implements Claim {
        }

        /** The same request is running now. */
        record InFlight() implements Claim {
        }

        /** The key named another request. */
        record Reused() implements Claim {
        }
    }

    Claim claim(Request request) {
        List<byte[]> callerKeys = secrets.digests(PURPOSE, bytes(request.caller()), bytes(request.key()));
        List<byte[]> fingerprints = secrets.digests(PURPOSE + "/request", bytes(request.method()), bytes(request.target()),
                bytes(request.contentType() == null ? "" : request.contentType()), request.body());
        byte[] callerKey = callerKeys.get(0);
        byte[] seed = secrets.digests(PURPOSE + "/seed", callerKey, fingerprints.get(0)).get(0);
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = Instant.now();
            byte[] token = newToken();
            // while a retired KEK is still configured, a key claimed under it is looked for first
            Optional<Map<String, Object>> older = callerKeys.size() == 1 ? Optional.empty()
                    : find(callerKeys.subList(1, callerKeys.size()));
            int inserted = older.isPresent() ? 0 : jdbc.sql("""
                            INSERT INTO idempotency_key (caller_key, fingerprint, seed, state, claim_token, lease_until, expires_at)
                            VALUES (:key, :fingerprint, :seed, 'IN_FLIGHT', :token, :leaseUntil, :expires)
                            ON CONFLICT (caller_key) DO NOTHING""")
                    .param("key", callerKey)
                    .param("fingerprint", fingerprints.get(0))
                    .param("seed", secrets.seal(PURPOSE + "/seed", callerKey, seed))
                    .param("token", token)
                    .param("leaseUntil", Timestamp.from(now.plus(lease)))
                    .param("expires", Timestamp.from(now.plus(retention)))
                    .update();
            if (inserted == 1) {
                return new Claim.Owned(callerKey, token, seed);
            }
            Optional<Map<String, Object>> found = older.isPresent() ? older : find(callerKeys);
            if (found.isEmpty()) {
                continue; // released or purged meanwhile: claim again
            }
            Map<String, Object> row = found.get();
            byte[] storedKey = (byte[]) row.get("caller_key");
            if (((Timestamp) row.get("expires_at")).toInstant().isBefore(now)) {
                jdbc.sql("DELETE FROM idempotency_key WHERE caller_key = :key AND expires_at < :now")
                        .param("key", storedKey).param("now", Timestamp.from(now)).update();
                continue;
            }
            byte[] storedFingerprint = (byte[]) row.get("fingerprint");
            if (fingerprints.stream().noneMatch(fingerprint -> Arrays.equals(fingerprint, storedFingerprint))) {
                return new Claim.Reused();
            }
            if ("DONE".equals(row.get("state"))) {
                return secrets.open(PURPOSE + "/answer", storedKey, (byte[]) row.get("response"))
                        .<Claim>map(answer -> new Claim.Done(answer(answer)))
                        // sealed under a KEK no longer configured: the answer cannot be given again
                        .orElseGet(Claim.Reused::new);
            }
            if (((Timestamp) row.get("lease_until")).toInstant().isAfter(now)) {
                return new Claim.InFlight();
            }
            // the attempt that claimed it stopped renewing its lease (its process is gone): this one takes over,
            // with the seed the first attempt derived its ids from
            Optional<byte[]> storedSeed = secrets.open(PURPOSE + "/seed", storedKey, (byte[]) row.get("seed"));
            if (storedSeed.isEmpty()) {
                return new Claim.Reused();
            }
            int taken = jdbc.sql("""
                            UPDATE idempotency_key SET claim_token = :token, lease_until = :leaseUntil
                            WHERE caller_key = :key AND state = 'IN_FLIGHT' AND claim_token = :previous""")
                    .param("token", token)
                    .param("leaseUntil", Timestamp.from(now.plus(lease)))
                    .param("key", storedKey)
                    .param("previous", (byte[]) row.get("claim_token"))
                    .update();
            if (taken == 1) {
                log.info("An idempotency key whose lease lapsed is taken over by a retry");
                return new Claim.Owned(storedKey, token, storedSeed.get());
            }
        }
        return new Claim.InFlight();
    }

    private Optional<Map<String, Object>> find(List<byte[]> callerKeys) {
        return jdbc.sql("""
                        SELECT caller_key, fingerprint, seed, state, claim_token, lease_until, expires_at, status, response
                        FROM idempotency_key WHERE caller_key = ANY (:keys)""")
                .param("keys", callerKeys.toArray(byte[][]::new))
                .query().listOfRows().stream().findFirst();
    }

    /**
     * Keeps the claim alive while the request runs, however long it takes (a wait for a connection or an
     * aggregate's lock): its lease is renewed every third of its length until {@code stop} is called.
     */
    Runnable keepAlive(Claim.Owned claim) {
        java.util.concurrent.ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> {
            try {
                jdbc.sql("""
                                UPDATE idempotency_key SET lease_until = :leaseUntil
                                WHERE caller_key = :key AND state = 'IN_FLIGHT' AND claim_token = :token""")
                        .param("leaseUntil", Timestamp.from(Instant.now().plus(lease)))
                        .param("key", claim.callerKey())
                        .param("token", claim.token())
                        .update();
            } catch (RuntimeException e) {
                log.warn("An idempotency key's lease could not be renewed ({})", e.getClass().getSimpleName());
            }
        }, lease.toMillis() / 3, lease.toMillis() / 3, java.util.concurrent.TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }

    /** The request ran: its answer is kept for the key's retention. */
    void complete(Claim.Owned claim, Answer answer) {
        jdbc.sql("""
                        UPDATE idempotency_key SET state = 'DONE', status = :status, response = :response
                        WHERE caller_key = :key AND state = 'IN_FLIGHT' AND claim_token = :token""")
                .param("status", answer.status())
                .param("response", secrets.seal(PURPOSE + "/answer", claim.callerKey(), bytes(answer)))
                .param("key", claim.callerKey())
                .param("token", claim.token())
                .update();
    }

    /** The request did nothing on the platform's side that a retry could repeat: the key is free, and a retry runs it again. */
    void release(Claim.Owned claim) {
        jdbc.sql("DELETE FROM idempotency_key WHERE caller_key = :key AND state = 'IN_FLIGHT' AND claim_token = :token")
                .param("key", claim.callerKey())
                .param("token", claim.token())
                .update();
    }

    private static byte[] newToken() {
        byte[] token = new byte[16];
        RANDOM.nextBytes(token);
        return token;
    }

    /** Every node drops the expired keys now and then; the statement is the same wherever it runs. */
    @Scheduled(fixedDelayString = "${lethe.idempotency.purge-interval:PT1H}", initialDelayString = "PT5M")
    int purgeExpired() {
        int purged = jdbc.sql("DELETE FROM idempotency_key WHERE expires_at < now()").update();
        if (purged > 0) {
            log.info("Dropped {} idempotency keys past their retention", purged);
        }
        return purged;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Answer answer) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); DataOutputStream data = new DataOutputStream(out)) {
            data.writeInt(answer.status());
            data.writeUTF(answer.location() == null ? "" : answer.location());
            data.writeUTF(answer.contentType() == null ? "" : answer.contentType());
            data.writeInt(answer.body().length);
            data.write(answer.body());
            // written last: an answer kept before positions existed ends after its body
            data.writeUTF(answer.position() == null ? "" : answer.position());
            data.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer answer(byte[] stored) {
        try (DataInputStream data = new DataInputStream(new java.io.ByteArrayInputStream(stored))) {
            int status = data.readInt();
            String location = data.readUTF();
            String contentType = data.readUTF();
            byte[] body = new byte[data.readInt()];
            data.readFully(body);
            String position = data.available() > 0 ? data.readUTF() : "";
            return new Answer(status, location.isEmpty() ? null : location, contentType.isEmpty() ? null : contentType, body,
                    position.isEmpty() ? null : position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        renewals.shutdownNow();
    }
}
