/**
 * The shared language of Lethe: commands, events, queries, value types and pure rules.
 * Nothing here depends on Spring or JPA, so every side can speak it and it can be tested alone.
 */
package io.lethe.core;
