package io.lethe.command.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of an NDJSON body, as the command line counts them: split at {@code \n} only (a {@code \r}
 * before it is dropped, one anywhere else is JSON's whitespace), decoded as strict UTF-8, a byte-order
 * mark at the start ignored. A line that is not UTF-8, or longer than {@link #MAX_LINE}, is passed on as
 * unreadable — refused on its own, never imported with replaced characters — and the next line is read.
 */
final class NdjsonLines {

    /** The longest line taken: an account with 10,000 purchases fits several times. */
    static final int MAX_LINE = 16 * 1024 * 1024;

    /** One line: its text, or why it cannot be read. */
    record Line(String text, String unreadable) {
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private int position;
    private int limit;
    private boolean first = true;
    private boolean ended;

    NdjsonLines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the body. */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        line.reset();
        boolean tooLong = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    ended = true;
                    limit = 0;
                    if (line.size() == 0 && !tooLong) {
                        return null;
                    }
                    return finish(tooLong);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int length = position - start;
            if (!tooLong && line.size() + length > MAX_LINE) {
                tooLong = true;
                line.reset();
            }
            if (!tooLong) {
                line.write(buffer, start, length);
            }
            if (position < limit) {
                position++;
                return finish(tooLong);
            }
        }
    }

    private Line finish(boolean tooLong) {
        boolean wasFirst = first;
        first = false;
        if (tooLong) {
            return new Line(null, "The line is longer than " + MAX_LINE / (1024 * 1024) + " MiB.");
        }
        byte[] bytes = line.toByteArray();
        int from = wasFirst && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        int to = bytes.length > from && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return new Line(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(null, "The line is not valid UTF-8.");
        }
    }
}
