package io.lethe.platform.roles;

import java.util.Locale;

/** The sides one platform process can run; {@code lethe.roles} lists them (all by default). */
public enum LetheRole {
    /** Aggregates and the command REST API ({@code io.lethe.command}). */
    COMMAND,
    /** Projections, query handlers and the read REST API ({@code io.lethe.query}). */
    QUERY,
    /** Process managers and their deadlines ({@code io.lethe.saga}). */
    SAGA;

    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
