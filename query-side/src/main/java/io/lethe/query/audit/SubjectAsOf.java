package io.lethe.query.audit;

import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.SubjectStatus;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What Lethe held about one subject at a moment: the latest value of every field recorded up to
 * then (as readable today — shredded fields show their redaction value), and what happened.
 * {@code socialLogins}: each linked login as {@code provider} or {@code provider:username}, as many as
 * the subject linked (at most 16, {@link io.lethe.core.subject.LinkSocialLoginCommand#MAX_LINKED}).
 */
record SubjectAsOf(@Schema(format = "uuid") String subjectId, Instant asOf, boolean existed, Map<String, Object> held,
                   @ArraySchema(schema = @Schema(maxLength = LOGIN_LENGTH), uniqueItems = true,
                           maxItems = io.lethe.core.subject.LinkSocialLoginCommand.MAX_LINKED) List<String> socialLogins,
                   int purchases,
                   @ArraySchema(schema = @Schema(implementation = RetentionClass.class), uniqueItems = true) List<String> erasedClasses,
                   @Nullable @Schema(implementation = SubjectStatus.class) String status, int eventsConsidered) {

    /** A login: its provider, {@code ':'} and the user name there. */
    static final int LOGIN_LENGTH = Lengths.PROVIDER + 1 + Lengths.LOGIN_ID;
}
