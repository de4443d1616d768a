package io.lethe.platform.console;

import io.lethe.core.breach.BreachRisk;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.request.DenialReason;
import io.lethe.core.request.ExtensionReason;
import io.lethe.core.request.FeeSettlement;
import io.lethe.core.request.IdentityMethod;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestType;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.RetentionExceptionGround;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.SubjectId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import io.lethe.platform.security.ProviderRegistrations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The console's pages. Each is a frame the console script fills from the API; the server renders what
 * needs no data (forms, choices, the jurisdictions' time zones) and the identifiers of the page, after
 * checking their form so a malformed one is a 404 rather than a page of errors.
 */
@Controller
class ConsoleController {

    /** Each jurisdiction's time zone, by code, as the pages' script reads it. */
    private final String zones;
    private final ObjectProvider<ProviderRegistrations> registrations;
    private final boolean passwords;
    private final ConsoleLanguage language;

    ConsoleController(JsonMapper json, ObjectProvider<ProviderRegistrations> registrations, ConsoleLanguage language,
                      @org.springframework.beans.factory.annotation.Value("${lethe.security.passwords:true}") boolean passwords) {
        Map<String, String> zones = new LinkedHashMap<>();
        for (Jurisdiction jurisdiction : Jurisdiction.values()) {
            zones.put(jurisdiction.code(), jurisdiction.zone().getId());
        }
        this.zones = json.writeValueAsString(zones);
        this.registrations = registrations;
        this.passwords = passwords;
        this.language = language;
    }

    /**
     * What every page needs: who is signed in, each jurisdiction's time zone for showing dates, and its
     * language's script texts and switch.
     */
    @ModelAttribute
    void common(Model model, Authentication authentication) {
        language.addTo(model);
        model.addAttribute("zones", zones);
        model.addAttribute("jurisdictions", Jurisdiction.values());
        if (authentication != null && authentication.isAuthenticated()) {
            model.addAttribute("person", authentication.getName());
            model.addAttribute("staff", has(authentication, "ROLE_PRIVACY_STAFF"));
            model.addAttribute("admin", has(authentication, "ROLE_ADMIN"));
            model.addAttribute("auditor", has(authentication, "ROLE_AUDITOR"));
        }
    }

    @GetMapping("/console/login")
    String login(Model model) {
        model.addAttribute("passwords", passwords);
        ProviderRegistrations repository = registrations.getIfAvailable();
        List<ProviderRegistrations.Provider> providers = repository == null ? List.of() : repository.providers();
        model.addAttribute("providers", providers);
        return "console/login";
    }

    /** Where a signed-in person lands who may not open a page: their role, or lack of one, says why. */
    @GetMapping("/console/denied")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.FORBIDDEN)
    String denied() {
        return "console/denied";
    }

    /** Each role's own starting page; someone with none of the console's roles is told so. */
    @GetMapping("/console")
    String home(Authentication authentication) {
        if (has(authentication, "ROLE_PRIVACY_STAFF")) {
            return "redirect:/console/requests";
        }
        if (has(authentication, "ROLE_ADMIN")) {
            return "redirect:/console/admin";
        }
        return has(authentication, "ROLE_AUDITOR") ? "redirect:/console/audit" : "redirect:/console/denied";
    }

    /** The privacy team's morning view: open requests by law and due window, breach duties, processors. */
    @GetMapping("/console/overview")
    String overview() {
        return "console/overview";
    }

    /** The auditor's view: the §7102 metrics with a chart, the history, the access log, the export. */
    @GetMapping("/console/audit")
    String audit(Model model) {
        model.addAttribute("year", java.time.Year.now(java.time.ZoneOffset.UTC).getValue());
        return "console/audit";
    }

    @GetMapping("/console/requests")
    String requests(Model model, @RequestParam(defaultValue = "open") String state,
                    @RequestParam(required = false) String jurisdiction, @RequestParam(required = false) String type,
                    @RequestParam(required = false) String sort) {
        model.addAttribute("types", RequestType.values());
        model.addAttribute("state", state);
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("type", type);
        model.addAttribute("sort", sort);
        return "console/requests";
    }

    @GetMapping("/console/requests/new")
    String newRequest(Model model, @RequestParam(required = false) String subjectId) {
        model.addAttribute("subjectId", subjectId == null ? null : subject(subjectId).toString());
        model.addAttribute("types", RequestType.values());
        model.addAttribute("requesters", Requester.values());
        model.addAttribute("channels", Arrays.stream(RequestChannel.values())
                .filter(channel -> channel != RequestChannel.GLOBAL_PRIVACY_CONTROL).toList());
        return "console/request-new";
    }

    @GetMapping("/console/requests/{subjectId}/{requestId}")
    String request(Model model, @PathVariable String subjectId, @PathVariable String requestId) {
        model.addAttribute("subjectId", subject(subjectId).toString());
        model.addAttribute("requestId", uuid(requestId).toString());
        model.addAttribute("identityMethods", IdentityMethod.values());
        model.addAttribute("settlements", FeeSettlement.values());
        model.addAttribute("extensionReasons", ExtensionReason.values());
        model.addAttribute("denialReasons", DenialReason.values());
        return "console/request";
    }

    @GetMapping("/console/subjects")
    String subjects(Model model, @RequestParam(required = false) String jurisdiction,
                    @RequestParam(required = false) String status, @RequestParam(required = false) String sort) {
        model.addAttribute("jurisdiction", jurisdiction);
        model.addAttribute("subjectStatus", status);
        model.addAttribute("subjectSort", sort);
        return "console/subjects";
    }

    @GetMapping("/console/subjects/{subjectId}")
    String subject(Model model, @PathVariable String subjectId) {
        model.addAttribute("subjectId", subject(subjectId).toString());
        model.addAttribute("retentionClasses", RetentionClass.values());
        model.addAttribute("shreddingReasons", ShreddingReason.values());
        model.addAttribute("exceptionGrounds", RetentionExceptionGround.values());
        return "console/subject";
    }

    @GetMapping("/console/breaches")
    String breaches(Model model) {
        model.addAttribute("categories", DataCategory.values());
        return "console/breaches";
    }

    @GetMapping("/console/breaches/{breachId}")
    String breach(Model model, @PathVariable String breachId) {
        model.addAttribute("breachId", uuid(breachId).toString());
        model.addAttribute("risks", BreachRisk.values());
        return "console/breach";
    }

    @GetMapping("/console/processors")
    String processors() {
        return "console/processors";
    }

    @GetMapping("/console/mailbox")
    String mailbox() {
        return "console/mailbox";
    }

    @GetMapping("/console/notice-templates")
    String noticeTemplates() {
        return "console/notice-templates";
    }

    @GetMapping("/console/admin")
    String admin() {
        return "console/admin";
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(granted -> authority.equals(granted.getAuthority()));
    }

    private static SubjectId subject(String id) {
        try {
            return SubjectId.of(id);
        } catch (IllegalArgumentException malformed) {
            throw new NotAConsolePage();
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException malformed) {
            throw new NotAConsolePage();
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(NotAConsolePage.class)
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        // an exception handler's model has none of the common attributes: the page's language it needs
        language.addTo(model);
        return "console/not-found";
    }

    /** A page address with a malformed identifier: there is no such page. */
    static final class NotAConsolePage extends RuntimeException {
        NotAConsolePage() {
            super("No such console page", null, false, false);
        }
    }
}
