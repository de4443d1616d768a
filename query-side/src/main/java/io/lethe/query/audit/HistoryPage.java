package io.lethe.query.audit;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * A slice of the global history; ask for the next one with {@code after=nextAfter}.
 *
 * @param events    the events after {@code after}, in order, at most the size asked for
 * @param after     the position the page follows
 * @param nextAfter where the next page begins; absent when this page reached {@code head}
 * @param head      the history's last position when the page was read (-1: empty); a page is empty only
 *                  when {@code after} is at or past it
 */
record HistoryPage(@ArraySchema(maxItems = MAX_SIZE) List<HistoryEntry> events, long after, @Nullable Long nextAfter, long head) {

    /** The most events a page holds: the size asked for, at most this. */
    static final int MAX_SIZE = 1000;
}
