package io.lethe.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Set;

/**
 * Users of the platform. Passwords are stored as encoded hashes with their algorithm prefix
 * ({@code {bcrypt}…}); a plain-text password is never accepted from configuration.
 */
@ConfigurationProperties("lethe.security")
record LetheSecurityProperties(List<User> users) {

    LetheSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    record User(String username, String password, Set<Role> roles) {

        @Override
        public String toString() {
            return "User[username=" + username + ", roles=" + roles + "]";
        }
    }
}
