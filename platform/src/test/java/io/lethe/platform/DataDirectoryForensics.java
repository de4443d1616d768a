package io.lethe.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Searches a PostgreSQL data directory's files — table and index pages (old row versions included),
 * the write-ahead log, everything — byte for byte, as someone holding a copy of the disk or of a
 * backup would. Run it after a CHECKPOINT, so what the server holds in memory is in the files too.
 */
public final class DataDirectoryForensics {

    private final Path dataDirectory;

    public DataDirectoryForensics(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** For each needle, the files (relative to the data directory) that contain it in UTF-8. */
    public Map<String, TreeSet<String>> whereFound(List<String> needles) {
        Map<String, byte[]> patterns = new LinkedHashMap<>();
        Map<String, TreeSet<String>> found = new LinkedHashMap<>();
        for (String needle : needles) {
            patterns.put(needle, needle.getBytes(StandardCharsets.UTF_8));
            found.put(needle, new TreeSet<>());
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dataDirectory)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException gone) {
                continue; // a temporary file removed while walking
            }
            patterns.forEach((needle, pattern) -> {
                if (indexOf(content, pattern) >= 0) {
                    found.get(needle).add(dataDirectory.relativize(file).toString());
                }
            });
        }
        return found;
    }

    private static int indexOf(byte[] content, byte[] pattern) {
        outer:
        for (int i = 0; i <= content.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (content[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
