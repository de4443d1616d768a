/**
 * The HTTP error contract: every refusal is an RFC 9457 problem detail with a stable type, and no
 * problem detail ever repeats what the caller sent.
 */
package io.lethe.platform.web;
