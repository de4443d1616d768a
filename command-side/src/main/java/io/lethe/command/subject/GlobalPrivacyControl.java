package io.lethe.command.subject;

import io.lethe.core.consent.OptOutOfSaleSharingCommand;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.subject.SubjectId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.lethe.command.ApiCommands;
import io.lethe.core.refusal.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * The Global Privacy Control signal is a valid opt-out of sale and sharing (CCPA Regs §7025): a
 * {@linkplain SubjectFacing subject-facing} command that a product service sends with
 * {@code Sec-GPC: 1} records the opt-out before the command itself runs, so it stands even if the
 * command is refused. Recording it is idempotent. The signal is the subject's only there: on a staff
 * action, or from a caller without the {@code SERVICE} role (a staff member's own browser in the
 * console), it is ignored. A subject that does not exist yet has nothing to opt out; registration
 * records the signal itself after creating it.
 */
final class GlobalPrivacyControl implements HandlerInterceptor {

    static final String HEADER = "Sec-GPC";
    /** The role of the product services that relay their users' signals. */
    private static final String SERVICE = "SERVICE";
    private static final Logger log = LoggerFactory.getLogger(GlobalPrivacyControl.class);

    private final ApiCommands commands;

    GlobalPrivacyControl(ApiCommands commands) {
        this.commands = commands;
    }

    static boolean signalled(String header) {
        return header != null && "1".equals(header.trim());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!signalled(request.getHeader(HEADER)) || !"POST".equals(request.getMethod())
                || !(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(SubjectFacing.class)
                || !request.isUserInRole(SERVICE)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String subject = variables == null ? null : variables.get("subjectId");
        if (subject == null) {
            return true;
        }
        SubjectId subjectId;
        try {
            subjectId = SubjectId.of(subject);
        } catch (IllegalArgumentException malformed) {
            return true; // the handler answers the malformed id with its own problem detail
        }
        try {
            commands.sendAndWait(new OptOutOfSaleSharingCommand(subjectId, RequestChannel.GLOBAL_PRIVACY_CONTROL));
        } catch (CommandExecutionException refused) {
            boolean unknownSubject = Refusal.of(refused).filter(refusal -> refusal.kind() == Refusal.Kind.NOT_FOUND).isPresent();
            if (!unknownSubject) {
                throw refused;
            }
            log.debug("Sec-GPC signal for an unknown subject; nothing to opt out");
        }
        return true;
    }
}
