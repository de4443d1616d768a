package io.lethe.command.purpose;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.Purpose;
import io.lethe.core.purpose.AnnouncePurposeChangeCommand;
import io.lethe.core.purpose.ConfirmPurposeChangeNoticeCommand;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.validation.Lengths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.lethe.command.ApiCommands;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.LocalDate;
import java.util.Set;

@Validated
@RestController
@Tag(name = "Purpose changes", description = "Changes to the purposes of use and their notices (policy §3)")
class PurposeChangeController {

    private final ApiCommands commands;

    PurposeChangeController(ApiCommands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Announced; every subject still held is owed a notice.")
    @ApiResponse(responseCode = "409", description = "`purpose-change-exists`: a change with this `changeId` exists.")
    @PostMapping("/api/purpose-changes")
    @Operation(operationId = "announcePurposeChange", summary = "Announce a change of the purposes of use",
            description = "Every subject whose data is still held is then owed a notification, tracked per subject; "
                    + "product services list the pending ones and confirm each delivery.")
    ResponseEntity<Void> announce(@RequestBody AnnouncementRequest request) {
        commands.sendAndWait(new AnnouncePurposeChangeCommand(request.changeId(), request.purposes(),
                request.categories(), request.effectiveOn(), request.noticeReference()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/purpose-changes/{changeId}").buildAndExpand(request.changeId()).toUri()).build();
    }

    @ApiResponse(responseCode = "204", description = "Confirmed, or confirmed before.")
    @ApiResponse(responseCode = "404", description = "`subject-not-found`; `purpose-change-notice-not-owed`: the subject is owed no notice of this change.")
    @PostMapping("/api/subjects/{subjectId}/purpose-change-notices/{changeId}")
    @Operation(operationId = "confirmPurposeChangeNotice", summary = "Confirm that a subject received a purpose-change notification",
            description = "Idempotent.")
    ResponseEntity<Void> confirm(@PathVariable SubjectId subjectId, @PathVariable @Size(max = Lengths.REFERENCE) String changeId,
                                 @RequestBody DeliveryRequest request) {
        commands.sendAndWait(new ConfirmPurposeChangeNoticeCommand(subjectId, changeId, request.channel()));
        return ResponseEntity.noContent().build();
    }

    record AnnouncementRequest(@NotBlank @Size(min = 1, max = Lengths.REFERENCE) String changeId, @NotEmpty Set<Purpose> purposes, @NotEmpty Set<DataCategory> categories, @NotNull LocalDate effectiveOn,
                               @NotBlank @Size(min = 1, max = Lengths.REFERENCE) String noticeReference) {
    }

    record DeliveryRequest(@NotNull RequestChannel channel) {
    }
}
