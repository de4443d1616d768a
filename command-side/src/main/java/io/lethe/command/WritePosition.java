package io.lethe.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where a call's writes went. A command's answer carries it ({@value #HEADER}); a read that presents it
 * ({@value #READ_AFTER}) is answered once the read models have handled everything those streams held
 * when the read arrived — the call's own events among them, since the call had committed before it was
 * answered — so a caller reads its own write whichever node serves the read.
 *
 * <p>Two forms, both opaque to callers: the streams (aggregates) the call's commands were sent to, each
 * id base64url-encoded, joined by dots (at most {@value #MAX_STREAMS}); or, for a call that reached more
 * streams than that (an activity batch across many subjects), {@code ~} and the event store's head when
 * the call was done.
 */
public record WritePosition(List<String> streams, long index) {

    /** The answer header that carries a call's position. */
    public static final String HEADER = "Lethe-Position";
    /** The request header a read names a position in, to be answered only from read models that have reached it. */
    public static final String READ_AFTER = "Lethe-Read-After";
    /** The most streams a position names; a call that reaches more is named by the store's head. */
    public static final int MAX_STREAMS = 16;
    /** The longest encoded position accepted: as many streams of 255-character ids as a position names. */
    public static final int MAX_LENGTH = MAX_STREAMS * 341;
    /** The form of an encoded position. */
    public static final String PATTERN = "^(~[0-9]{1,19}|[A-Za-z0-9_-]{1,340}(\\.[A-Za-z0-9_-]{1,340}){0,15})$";
    private static final java.util.regex.Pattern FORM = java.util.regex.Pattern.compile(PATTERN);

    public WritePosition {
        streams = List.copyOf(streams);
        if (streams.isEmpty() ? index < 0 : index != -1 || streams.size() > MAX_STREAMS
                || streams.stream().anyMatch(stream -> stream.isEmpty() || stream.length() > 255
                || !stream.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("A position names 1 to " + MAX_STREAMS
                    + " streams by their visible ASCII ids, or a position of the event store");
        }
    }

    /** The streams a call wrote to. */
    public static WritePosition of(List<String> streams) {
        return new WritePosition(streams, -1);
    }

    /** The event store's position when a call was done. */
    public static WritePosition at(long index) {
        return new WritePosition(List.of(), index);
    }

    /** Whether this names the event store's head rather than streams. */
    public boolean head() {
        return streams.isEmpty();
    }

    /** The form a caller sees and sends back. */
    public String encoded() {
        if (head()) {
            return "~" + index;
        }
        List<String> parts = new ArrayList<>();
        for (String stream : streams) {
            parts.add(Base64.getUrlEncoder().withoutPadding().encodeToString(stream.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(".", parts);
    }

    /** The position a caller sent, or empty when it is not one this platform writes. */
    public static Optional<WritePosition> decode(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_LENGTH || !FORM.matcher(encoded).matches()) {
            return Optional.empty();
        }
        try {
            if (encoded.startsWith("~")) {
                return Optional.of(at(Long.parseLong(encoded.substring(1))));
            }
            List<String> streams = new ArrayList<>();
            for (String part : encoded.split("\\.")) {
                streams.add(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
            }
            return Optional.of(of(streams));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
