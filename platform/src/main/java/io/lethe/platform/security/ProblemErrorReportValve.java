package io.lethe.platform.security;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat refuses some requests before any servlet, filter or Spring component sees them: an encoded
 * slash or backslash, a null byte, broken or overlong UTF-8, a raw non-ASCII byte, an unknown
 * percent-escape, a request line longer than the header buffer. Its error report valve then writes an
 * HTML page. This one writes the same RFC 9457 problem detail as the rest of the API instead
 * ({@code urn:problem-type:lethe:malformed-request} for a 400), and never quotes the request or Tomcat's
 * message, which may carry what the caller typed. Errors the application handles itself (through
 * Spring's {@code /error}) have their body already and are left alone, as Tomcat's own valve does.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String code = status == 400 ? "malformed-request" : status >= 500 ? "internal-error" : "request-refused";
        String detail = status == 400
                ? "The request is malformed (its path, its encoding or its size); nothing was done."
                : "The request was refused before it reached the platform; nothing was done.";
        String body = "{\"type\":\"urn:problem-type:lethe:" + code + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the connection is gone or the answer already started: there is nobody left to tell
        }
    }
}
