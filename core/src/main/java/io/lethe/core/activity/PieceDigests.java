package io.lethe.core.activity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The digests of the identifiers services give their activity pieces: the first 64 bits of the
 * identifier's SHA-256, written in hex. Kept in an event's metadata ({@link ActivityRecordedEvent#PIECE_DIGESTS})
 * so the subject can tell a piece it has recorded from a new one without opening any piece; a
 * collision between two of one subject's pieces in one period is a chance of about n²/2⁶⁵.
 */
public final class PieceDigests {

    private PieceDigests() {
    }

    public static long of(String pieceId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(pieceId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public static String join(Collection<Long> digests) {
        return digests.stream().map(Long::toHexString).collect(Collectors.joining(","));
    }

    public static Set<Long> parse(String joined) {
        Set<Long> digests = new HashSet<>();
        if (joined == null || joined.isBlank()) {
            return digests;
        }
        for (String digest : joined.split(",")) {
            digests.add(Long.parseUnsignedLong(digest, 16));
        }
        return digests;
    }
}
