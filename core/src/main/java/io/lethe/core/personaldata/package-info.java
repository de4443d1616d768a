/**
 * How personal data is marked in the language: which fields are personal, whose they are and
 * how long they may live. Serialization, logging and erasure all read these marks.
 */
package io.lethe.core.personaldata;
