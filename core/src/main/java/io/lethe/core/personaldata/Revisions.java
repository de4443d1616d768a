package io.lethe.core.personaldata;

/** Comparing message revisions ({@code @Revision} values): numbers compare as numbers; a missing revision is the first. */
final class Revisions {

    private Revisions() {
    }

    /** Whether {@code revision} comes before {@code other}. */
    static boolean before(String revision, String other) {
        if (revision == null || revision.isEmpty()) {
            return true;
        }
        try {
            return Long.parseLong(revision) < Long.parseLong(other);
        } catch (NumberFormatException e) {
            return revision.compareTo(other) < 0;
        }
    }
}
