/**
 * The privacy team's console under {@code /console}: server-rendered pages (Thymeleaf) whose small
 * script reads and acts through the platform's own HTTP API with the signed-in person's session. The
 * console therefore holds no rule, check or read of its own: every refusal, every problem detail and
 * every access-log entry is the API's.
 */
package io.lethe.platform.console;
