/** Who may call what: bearer tokens (the platform's own for the configured users, or an issuer's), the console's sign-ins, and the role of each endpoint. */
package io.lethe.platform.security;
