package io.lethe.platform.notice;

import io.lethe.saga.notice.NoticeTemplates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The notices' templates as each law's people receive them, for privacy staff to review (role
 * PRIVACY_STAFF): every kind in every law's language, with that law's authority to complain to,
 * filled with sample values. Served by every node, whether or not it sends notices.
 */
@RestController
@Tag(name = "Notice templates", description = "Every notice the platform mails, as each law's people read it, for staff to review")
class NoticeTemplateController {

    private final NoticeTemplates templates;
    private final Clock clock = Clock.systemUTC();

    // NoticeProperties is the saga side's, absent from other nodes: the one value the templates need is read here
    NoticeTemplateController(@Value("${lethe.notices.organisation:Lethe}") String organisation) {
        this.templates = new NoticeTemplates(organisation);
    }

    @GetMapping("/api/notice-templates")
    @Operation(operationId = "listNoticeTemplates", summary = "Every notice template, filled with sample values",
            description = "Receipt, extension, denial and breach notice for each jurisdiction, in the language its people are "
                    + "written to (Japanese for JP, Traditional Chinese for TW, English otherwise): a request received today and "
                    + "due in 45 days, the first reason of each list, and a breach letter of placeholders in brackets.")
    List<NoticeTemplates.Sample> list() {
        return templates.samples(LocalDate.now(clock));
    }
}
