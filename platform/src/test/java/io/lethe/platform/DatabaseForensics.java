package io.lethe.platform;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads every table of the database, every row and every column — text as text, binary as raw
 * bytes and as PostgreSQL's own text rendering — and reports where a value occurs. Used to prove
 * that something is stored nowhere.
 */
public final class DatabaseForensics {

    private static final int SHORT = 8;

    private final JdbcTemplate jdbc;

    public DatabaseForensics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Tables (and the large-object store) in which {@code needle} occurs, as "table.column".
     *
     * <p>A needle shorter than {@value #SHORT} characters (say, a card's last four digits) counts only
     * where it stands as a token of its own — not inside a longer run of letters, digits or Base64
     * characters — or every UUID and ciphertext in the database would be a false hit.
     */
    public Set<String> whereFound(String needle) {
        String lowerNeedle = needle.toLowerCase(Locale.ROOT);
        Predicate<String> contains = needle.length() >= SHORT
                ? text -> text.toLowerCase(Locale.ROOT).contains(lowerNeedle)
                : Pattern.compile("(?<![A-Za-z0-9+/=_-])" + Pattern.quote(needle) + "(?![A-Za-z0-9+/=_-])",
                Pattern.CASE_INSENSITIVE).asPredicate();
        Set<String> found = new HashSet<>();
        for (String table : tables()) {
            jdbc.query("SELECT t.*, t::text AS row_as_text FROM " + table + " t", (ResultSet row) -> {
                ResultSetMetaData meta = row.getMetaData();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    String label = table + "." + meta.getColumnName(column);
                    int type = meta.getColumnType(column);
                    if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
                        byte[] bytes = row.getBytes(column);
                        if (bytes != null && (contains.test(new String(bytes, StandardCharsets.ISO_8859_1))
                                || contains.test(new String(bytes, StandardCharsets.UTF_8)))) {
                            found.add(label);
                        }
                    } else {
                        String text = row.getString(column);
                        if (text != null && contains.test(text)) {
                            found.add(label);
                        }
                    }
                }
            });
        }
        List<byte[]> largeObjects = jdbc.queryForList("SELECT data FROM pg_largeobject", byte[].class);
        if (largeObjects.stream().anyMatch(bytes -> contains.test(new String(bytes, StandardCharsets.ISO_8859_1)))) {
            found.add("pg_largeobject");
        }
        return found;
    }

    public List<String> tables() {
        return new ArrayList<>(jdbc.queryForList("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'
                ORDER BY 1""", String.class));
    }
}
