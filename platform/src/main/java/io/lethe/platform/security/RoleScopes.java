package io.lethe.platform.security;

import java.util.Locale;

/**
 * The OAuth2 scope that stands for a role in a token ({@code lethe:privacy-staff} for
 * {@code PRIVACY_STAFF}): what the platform's token endpoint issues, what an issuer's tokens carry by
 * default, and what the API description names on each operation.
 */
public final class RoleScopes {

    private RoleScopes() {
    }

    /** The scope of the role of this name. */
    public static String of(String role) {
        return "lethe:" + role.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
