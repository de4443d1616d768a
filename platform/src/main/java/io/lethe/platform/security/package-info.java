/** Who may call what: HTTP Basic users from configuration and the role of each endpoint. */
package io.lethe.platform.security;
