package io.lethe.platform.health;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses an API request at once while a database the platform needs is known to be down: it would
 * only wait for a connection it cannot get. The refusal is a {@link DatabaseUnavailableException},
 * which the problem-details advice answers with 503 and {@code Retry-After}. Health and metrics stay
 * served (they are not API requests), so an orchestrator sees why.
 */
final class DatabaseGate implements HandlerInterceptor {

    private final DatabaseWatch watch;

    DatabaseGate(DatabaseWatch watch) {
        this.watch = watch;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws DatabaseUnavailableException {
        java.util.Optional<DatabaseProbe> down = watch.down();
        if (down.isPresent()) {
            throw new DatabaseUnavailableException(down.get().name());
        }
        return true;
    }
}
