package io.lethe.platform.crypto;

import io.lethe.core.personaldata.RetentionClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rotation of key-encryption keys: re-wrapping the vault's data keys under the current KEK, and the
 * census of keys per KEK that tells an operator when an old KEK can go.
 */
final class KekRotation {

    private static final Logger log = LoggerFactory.getLogger(KekRotation.class);

    private final KeyVault vault;
    private final KeyEncryptionKeys keks;

    KekRotation(KeyVault vault, KeyEncryptionKeys keks) {
        this.vault = vault;
        this.keks = keks;
    }

    String currentKekId() {
        return keks.currentId();
    }

    /**
     * Re-wraps every live data key that a KEK other than the current one wrapped, in batches, each in
     * a transaction of its own. Events are untouched: the data keys themselves do not change. Keys
     * under a KEK that is not configured cannot be re-wrapped; they stay, and the census shows them.
     *
     * @return how many keys were re-wrapped
     */
    int rewrapToCurrentKek() {
        int total = 0;
        while (true) {
            Integer batch = vault.inTransactionOfItsOwn(() -> {
                List<Map<String, Object>> rows = vault.sql("""
                                SELECT subject_id, retention_class, wrapped_key, kek_id FROM subject_key
                                WHERE wrapped_key IS NOT NULL AND kek_id <> :current AND kek_id = ANY (:known)
                                LIMIT 500 FOR UPDATE SKIP LOCKED""")
                        .param("current", keks.currentId())
                        .param("known", keks.ids().toArray(String[]::new))
                        .query().listOfRows();
                for (Map<String, Object> row : rows) {
                    String subject = (String) row.get("subject_id");
                    RetentionClass retentionClass = RetentionClass.valueOf((String) row.get("retention_class"));
                    SecretKey dataKey = keks.unwrap((byte[]) row.get("wrapped_key"), (String) row.get("kek_id"),
                            subject, retentionClass);
                    vault.sql("""
                                    UPDATE subject_key SET wrapped_key = :wrapped, kek_id = :kek
                                    WHERE subject_id = :subject AND retention_class = :class AND wrapped_key IS NOT NULL""")
                            .param("wrapped", keks.wrap(dataKey, subject, retentionClass))
                            .param("kek", keks.currentId())
                            .param("subject", subject)
                            .param("class", retentionClass.name())
                            .update();
                }
                return rows.size();
            });
            if (batch == null || batch == 0) {
                break;
            }
            total += batch;
        }
        if (total > 0) {
            log.info("Re-wrapped {} data keys under KEK {}", total, keks.currentId());
        }
        return total;
    }

    /** Live and shredded keys per KEK id, for operators; no subject is named. */
    Map<String, Long> census() {
        Map<String, Long> census = new HashMap<>();
        vault.sql("SELECT coalesce(kek_id, 'shredded') AS state, count(*) AS keys FROM subject_key GROUP BY 1")
                .query((row, number) -> census.put(row.getString("state"), row.getLong("keys")))
                .list();
        return census;
    }
}
