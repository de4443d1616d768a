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

/**
 * Reads every table of the database, every row and every column — text as text, binary as raw
 * bytes and as PostgreSQL's own text rendering — and reports where a value occurs. Used to prove
 * that something is stored nowhere.
 */
public final class DatabaseForensics {

    private final JdbcTemplate jdbc;

    public DatabaseForensics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Tables (and the large-object store) in which {@code needle} occurs, as "table.column". */
    public Set<String> whereFound(String needle) {
        byte[] needleBytes = needle.getBytes(StandardCharsets.UTF_8);
        String lowerNeedle = needle.toLowerCase(Locale.ROOT);
        Set<String> found = new HashSet<>();
        for (String table : tables()) {
            jdbc.query("SELECT t.*, t::text AS row_as_text FROM " + table + " t", (ResultSet row) -> {
                ResultSetMetaData meta = row.getMetaData();
                for (int column = 1; column <= meta.getColumnCount(); column++) {
                    String label = table + "." + meta.getColumnName(column);
                    int type = meta.getColumnType(column);
                    if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
                        byte[] bytes = row.getBytes(column);
                        if (bytes != null && (indexOf(bytes, needleBytes) >= 0
                                || new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains(lowerNeedle))) {
                            found.add(label);
                        }
                    } else {
                        String text = row.getString(column);
                        if (text != null && text.toLowerCase(Locale.ROOT).contains(lowerNeedle)) {
                            found.add(label);
                        }
                    }
                }
            });
        }
        List<byte[]> largeObjects = jdbc.queryForList("SELECT data FROM pg_largeobject", byte[].class);
        if (largeObjects.stream().anyMatch(bytes -> indexOf(bytes, needleBytes) >= 0)) {
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

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
