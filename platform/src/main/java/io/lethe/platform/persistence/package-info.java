/**
 * Where Lethe keeps its data: the embedded PostgreSQL of the default shape, or an external
 * PostgreSQL under the {@code postgres} profile. Schemas come from Flyway in every shape.
 */
package io.lethe.platform.persistence;
