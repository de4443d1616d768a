package io.lethe.platform.notice;

import io.lethe.core.crypto.Sealed;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.subject.SubjectId;
import io.lethe.query.access.Disclosure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The local mailbox: where notices go on the embedded default, with no mail server configured
 * (role PRIVACY_STAFF). The list names no one; opening a message opens its sealed address and text,
 * and is logged as a read of the subject's data. Messages of an erased subject read as erased.
 */
@RestController
@Validated
@Tag(name = "Local mailbox", description = "The messages sent while no mail server is configured (the embedded default)")
class LocalMailboxController {

    static final int MAX_LIMIT = 500;
    static final int MESSAGE_ID_LENGTH = 100;

    @Schema(name = "MailboxEntry")
    record Entry(@Schema(maxLength = MESSAGE_ID_LENGTH) String messageId, SubjectId subjectId,
                 @Schema(maxLength = 32, description = "what the message is: a notice's kind (RECEIPT, EXTENSION, DENIAL) or VERIFICATION_CODE") String kind,
                 @Schema(maxLength = 16) String language, Instant deliveredAt) {
    }

    @Schema(name = "MailboxMessage")
    record Message(@Schema(maxLength = MESSAGE_ID_LENGTH) String messageId, SubjectId subjectId,
                   @Schema(maxLength = 32, description = "what the message is: a notice's kind (RECEIPT, EXTENSION, DENIAL) or VERIFICATION_CODE") String kind,
                   @Schema(maxLength = 16) String language, Instant deliveredAt,
                   @Schema(maxLength = 320) String to, @Schema(maxLength = 1000) String title,
                   @Schema(maxLength = 20000) String body) {

        @Override
        public String toString() {
            return "Message[" + messageId + ", " + kind + "]";
        }
    }

    private record Stored(String messageId, UUID subjectId, String kind, String language, Instant deliveredAt,
                          String recipient, String title, String body) {
    }

    private final JdbcClient jdbc;
    private final Disclosure disclosure;

    LocalMailboxController(JdbcClient jdbc, Disclosure disclosure) {
        this.jdbc = jdbc;
        this.disclosure = disclosure;
    }

    @ApiResponse(responseCode = "200", description = "The messages, newest first; empty where a mail server takes them.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = Entry.class), maxItems = MAX_LIMIT)))
    @GetMapping("/api/mailbox")
    @Operation(operationId = "listMailbox", summary = "The messages in the local mailbox, newest first",
            description = "Who each was for by pseudonymous subject id only; at most `limit`.")
    List<Entry> list(@RequestParam(defaultValue = "50") @Min(1) @Max(MAX_LIMIT) int limit) {
        return jdbc.sql("""
                        SELECT message_id, subject_id, kind, language, delivered_at FROM local_mailbox
                         ORDER BY delivered_at DESC, message_id LIMIT :limit""")
                .param("limit", limit)
                .query((row, index) -> new Entry(row.getString("message_id"), new SubjectId(row.getObject("subject_id", UUID.class)),
                        row.getString("kind"), row.getString("language"),
                        row.getTimestamp("delivered_at").toInstant()))
                .list();
    }

    @ApiResponse(responseCode = "200", description = "The message as it was sent (the read is logged).")
    @ApiResponse(responseCode = "404", description = "`message-not-found`: no message has this id.")
    @GetMapping("/api/mailbox/{messageId}")
    @Operation(operationId = "getMailboxMessage", summary = "One message, opened",
            description = "The address, title and text as sent, or `[erased]` once the subject's profile was erased.")
    Message get(@PathVariable @Size(max = MESSAGE_ID_LENGTH) String messageId, Principal principal) {
        Stored stored = jdbc.sql("""
                        SELECT message_id, subject_id, kind, language, delivered_at, recipient, title, body
                          FROM local_mailbox WHERE message_id = :id""")
                .param("id", messageId)
                .query((row, index) -> new Stored(row.getString("message_id"), row.getObject("subject_id", UUID.class),
                        row.getString("kind"), row.getString("language"), row.getTimestamp("delivered_at").toInstant(),
                        row.getString("recipient"), row.getString("title"), row.getString("body")))
                .optional()
                .orElseThrow(() -> RefusedException.because("message-not-found", Refusal.Kind.NOT_FOUND, "No message has this id."));
        SubjectId subject = new SubjectId(stored.subjectId());
        return disclosure.disclose(principal, "mailbox-message", List.of(subject), opener -> new Message(stored.messageId(),
                subject, stored.kind(), stored.language(), stored.deliveredAt(),
                opener.open(subject, LocalMailbox.RECIPIENT, Sealed.of(stored.recipient())),
                opener.open(subject, LocalMailbox.TITLE, Sealed.of(stored.title())),
                opener.open(subject, LocalMailbox.BODY, Sealed.of(stored.body()))));
    }
}
