package io.lethe.core.request;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The notice delivery handed a request's notice to the mail server. Idempotent: a notice of a kind is
 * recorded sent once. A receipt sent also confirms receipt ({@link RequestAcknowledgedEvent}).
 *
 * @param language         the language the notice was written in (a BCP 47 tag: en, ja, zh-TW)
 * @param reference the message's own id (its {@code Message-ID}), never an address
 */
public record RecordNoticeSentCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull RequestId requestId,
        @NotNull NoticeKind kind,
        @NotNull @Size(max = 16) String language,
        @NotNull Instant sentAt,
        @NotNull @Size(max = Lengths.REFERENCE) String reference) {
}
