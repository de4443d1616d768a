package io.lethe.query.report;

import java.util.List;

/**
 * A document whose lists grow with an account's life (an access report, a portability export) is
 * answered a page at a time: every list of page {@code n} holds its items {@code n × SIZE} to
 * {@code (n + 1) × SIZE − 1}, in the list's own order, and the document says how many pages its
 * longest list fills. Reading pages {@code 0} to {@code pages − 1} gives every item of every list,
 * and no answer holds more than {@link #SIZE} items in one list. The document's other members are
 * the same on every page.
 */
public final class DocumentPages {

    /** The most items one list of one page holds. */
    public static final int SIZE = 1000;

    private DocumentPages() {
    }

    /** The items of {@code list} on page {@code page}. */
    public static <T> List<T> slice(List<T> list, int page) {
        long from = Math.min((long) page * SIZE, list.size());
        long to = Math.min(from + SIZE, list.size());
        return List.copyOf(list.subList((int) from, (int) to));
    }

    /** How many pages the longest of the lists fills; one at least, for a document with short lists. */
    public static int pages(List<?>... lists) {
        int longest = 0;
        for (List<?> list : lists) {
            longest = Math.max(longest, list.size());
        }
        return Math.max(1, (longest + SIZE - 1) / SIZE);
    }
}
