package io.lethe.platform.web;

import io.lethe.command.NewIds;
import io.lethe.command.RetriedRequests;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Idempotent retries of state-changing API calls (the IETF httpapi {@code Idempotency-Key} draft, as
 * payment APIs practise it). A POST, PUT, PATCH or DELETE under {@code /api/} that carries an
 * {@code Idempotency-Key} runs once per caller and key:
 * <ul>
 *   <li>the first request claims the key, runs, and its answer is kept (sealed) for
 *   {@code lethe.idempotency.retention};</li>
 *   <li>the same request again — same caller, key, method, address and body — gets that answer again,
 *   with {@code Idempotent-Replayed: true}, and changes nothing;</li>
 *   <li>the key with another request is refused (422 {@code idempotency-key-reused}); while the first
 *   is still running, a second is told to retry shortly (409 {@code idempotency-key-in-flight} with
 *   {@code Retry-After});</li>
 *   <li>a first attempt that failed on the platform's side (5xx, 429, a concurrent modification, or a
 *   batch answer that reports an unexpected failure) keeps nothing, so its retry runs again; a running
 *   request renews its claim's lease however long it takes, so only the claim of a process that died
 *   lapses ({@code lethe.idempotency.lease}) and can be taken over — and what that process may have
 *   created has an id derived from the key ({@link NewIds}), so running it again cannot create a
 *   second one.</li>
 * </ul>
 * The keys live in the platform's database, so they hold on every node and across restarts. Nothing
 * personal is kept in the clear: the caller and key are kept as a keyed digest, the request as a keyed
 * fingerprint, and the answer sealed (see {@link IdempotencyKeys}).
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /**
     * POSTs that change nothing: a search by e-mail address is a read with its question in the body. Its
     * answer is not kept (it would outlive the subject's erasure, sealed under no key of the subject's,
     * and a replay would skip the access log) and no digest of its body is stored.
     */
    static final Set<String> READS = Set.of("/api/subject-searches");
    private static final int MAX_KEY_LENGTH = 255;
    /** Far above the largest request the API takes (an activity batch of 5,000 pieces is about 2 MiB). */
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final IdempotencyKeys keys;
    private final JsonMapper json;

    IdempotencyFilter(IdempotencyKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CHANGING.contains(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || READS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> key = keyOf(request.getHeader(HEADER));
        if (key.isEmpty()) {
            problem(response, request, HttpStatus.BAD_REQUEST, "idempotency-key-invalid",
                    "The Idempotency-Key header must hold 1 to " + MAX_KEY_LENGTH
                            + " visible ASCII characters (a UUID is a good choice).", null);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            problem(response, request, HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
                    "A request with an Idempotency-Key may carry at most " + MAX_BODY / (1024 * 1024) + " MiB.", null);
            return;
        }
        IdempotencyKeys.Request attempt = new IdempotencyKeys.Request(caller.getName(), key.get(), request.getMethod(),
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()),
                request.getContentType(), body);
        IdempotencyKeys.Claim claim;
        try {
            claim = keys.claim(attempt);
        } catch (DataAccessException e) {
            log.warn("Idempotency keys cannot be read ({}); the request is refused with 503", e.getClass().getSimpleName());
            problem(response, request, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                    "The platform's database cannot be reached; nothing was recorded. Retry later with the same key.", "5");
            return;
        }
        if (claim instanceof IdempotencyKeys.Claim.Owned owned) {
            run(request, response, chain, owned, body);
        } else if (claim instanceof IdempotencyKeys.Claim.Done done) {
            replay(response, done.answer());
        } else if (claim instanceof IdempotencyKeys.Claim.InFlight) {
            problem(response, request, HttpStatus.CONFLICT, "idempotency-key-in-flight",
                    "A request with this Idempotency-Key is still being processed; retry after the time in Retry-After "
                            + "to get its answer.", "1");
        } else {
            problem(response, request, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "This Idempotency-Key was used for another request (another method, address or body); a key names "
                            + "one request. Nothing was done.", null);
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                     IdempotencyKeys.Claim.Owned owned, byte[] body) throws ServletException, IOException {
        request.setAttribute(NewIds.SEED_ATTRIBUTE, HexFormat.of().formatHex(owned.seed()));
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        Runnable stopRenewing = keys.keepAlive(owned);
        boolean answered = false;
        try {
            chain.doFilter(new BodyReplaying(request, body), answer);
            byte[] content = answer.getContentAsByteArray();
            answered = keeps(answer.getStatus(), content) && request.getAttribute(RetriedRequests.TRANSIENT_ATTRIBUTE) == null;
            if (answered) {
                stopRenewing.run();
                keys.complete(owned, new IdempotencyKeys.Answer(answer.getStatus(), answer.getHeader(HttpHeaders.LOCATION),
                        answer.getContentType(), content, answer.getHeader(io.lethe.command.WritePosition.HEADER)));
            }
        } catch (DataAccessException e) {
            // the request did what it did; its answer could not be kept: the claim lapses with its lease,
            // and a retry after that runs again under the same derived ids
            log.warn("The answer of a request with an Idempotency-Key could not be kept ({})", e.getClass().getSimpleName());
        } finally {
            stopRenewing.run();
            if (!answered) {
                release(owned);
            }
            answer.copyBodyToResponse();
        }
    }

    /** Answers that say what the request did are kept; failures that a retry may not meet again are not. */
    private static boolean keeps(int status, byte[] content) {
        if (status >= 500 || status == HttpStatus.TOO_MANY_REQUESTS.value() || status == HttpStatus.REQUEST_TIMEOUT.value()) {
            return false;
        }
        if (status != HttpStatus.CONFLICT.value()) {
            return true;
        }
        String problem = new String(content, StandardCharsets.UTF_8);
        return !problem.contains(Problems.TYPE_PREFIX + "concurrent-modification")
                && !problem.contains(Problems.TYPE_PREFIX + "import-busy");
    }

    private void release(IdempotencyKeys.Claim.Owned owned) {
        try {
            keys.release(owned);
        } catch (DataAccessException e) {
            log.warn("An idempotency key could not be released ({}); it is free again after its lease",
                    e.getClass().getSimpleName());
        }
    }

    private static void replay(HttpServletResponse response, IdempotencyKeys.Answer answer) throws IOException {
        response.setStatus(answer.status());
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.position() != null) {
            // the first call's writes: a read after them is a read after the replayed call
            response.setHeader(io.lethe.command.WritePosition.HEADER, answer.position());
        }
        response.setHeader(REPLAYED, "true");
        if (answer.body().length > 0) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }

    /**
     * The key as sent: a bare token, or a structured-field string in double quotes (the draft's form).
     * Visible ASCII only, so it can never carry a line break into a log or a header.
     */
    static Optional<String> keyOf(String header) {
        String key = header.trim();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return Optional.empty();
            }
        }
        return Optional.of(key);
    }

    private void problem(HttpServletResponse response, HttpServletRequest request, HttpStatus status, String code,
                         String detail, String retryAfter) throws IOException {
        ProblemDetail problem = Problems.of(status, code, detail);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request with its body, read once to fingerprint it, readable again by the application. */
    private static final class BodyReplaying extends HttpServletRequestWrapper {
        private final byte[] body;

        BodyReplaying(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
