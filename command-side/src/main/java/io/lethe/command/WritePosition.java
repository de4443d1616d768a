package io.lethe.command;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a call's writes went: the stream (aggregate) its last command appended to. A command's answer
 * carries it ({@value #HEADER}); a read that presents it ({@value #READ_AFTER}) is answered once the
 * read models have handled everything that stream held when the read arrived — the call's own events
 * among them, since the call had committed before it was answered — so a caller reads its own write
 * whichever node serves the read. Opaque to callers: the stream's id, base64url-encoded.
 */
public record WritePosition(String stream) {

    /** The answer header that carries a call's position. */
    public static final String HEADER = "Lethe-Position";
    /** The request header a read names a position in, to be answered only from read models that have reached it. */
    public static final String READ_AFTER = "Lethe-Read-After";
    /** The longest encoded position accepted. */
    public static final int MAX_LENGTH = 256;
    /** The form of an encoded position. */
    public static final String PATTERN = "^[A-Za-z0-9_-]{1,256}$";

    public WritePosition {
        if (stream == null || stream.isEmpty() || !stream.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("A position names a stream by its visible ASCII id");
        }
    }

    /** The form a caller sees and sends back. */
    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(stream.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a caller sent, or empty when it is not one this platform writes. */
    public static Optional<WritePosition> decode(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_LENGTH
                || !encoded.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                        || c == '-' || c == '_')) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WritePosition(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
