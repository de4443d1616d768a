package io.lethe.core.request;

import io.lethe.core.personaldata.RetentionClass;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Evidence that an erasure request was carried out, free of personal data: the subject appears only
 * by its pseudonymous id in the enclosing event. Kept as long as the event store (the California
 * request log asks for at least 24 months).
 *
 * @param method              how the data was made unrecoverable
 * @param erasedClasses       the retention classes whose keys were destroyed
 * @param withheldClasses     the classes kept, and why: the holds that kept them
 * @param processorsConfirmed the downstream processors that confirmed their deletion
 * @param completedAt         when the keys were destroyed
 */
public record ErasureCertificate(String method,
                                 Set<RetentionClass> erasedClasses,
                                 Set<RetentionClass> withheldClasses,
                                 List<String> withheldBy,
                                 List<String> processorsConfirmed,
                                 Instant completedAt) {

    public static final String CRYPTO_SHREDDING = "crypto-shredding: AES-256-GCM data keys destroyed";
}
