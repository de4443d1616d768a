package io.lethe.core.request;

/** How an owed request fee was settled. */
public enum FeeSettlement {
    PAID,
    WAIVED
}
