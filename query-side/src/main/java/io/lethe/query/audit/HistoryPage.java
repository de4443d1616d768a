package io.lethe.query.audit;

import jakarta.annotation.Nullable;
import java.util.List;

/** A slice of the global history; ask for the next one with {@code after=nextAfter}. */
record HistoryPage(List<HistoryEntry> events, long after, @Nullable Long nextAfter) {
}
