package io.lethe.platform.privacycenter;

import io.lethe.command.ApiCommands;
import io.lethe.core.consent.OptOutOfSaleSharingCommand;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.refusal.Refusal;
import io.lethe.core.request.IdentityMethod;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestStatus;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.SubmitPrivacyRequestCommand;
import io.lethe.core.request.VerifyIdentityCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.SubjectId;
import io.lethe.query.access.Disclosure;
import io.lethe.query.report.AccessReportDocuments;
import io.lethe.query.report.PortabilityPackages;
import io.lethe.core.subject.FindSubjectSummaryQuery;
import io.lethe.core.subject.SubjectSummary;
import org.axonframework.queryhandling.QueryGateway;
import io.lethe.query.request.RequestQueue;
import io.lethe.query.request.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The privacy center's pages: no staff sign-in, nothing an unverified visitor can read. A person
 * chooses where they live, sees the rights that law gives (from the rules the platform enforces),
 * and makes a request for their account's address; the code sent to that address, returned here,
 * makes the request and verifies it at once, and a secret link opens its status, and its answer once
 * given. Whether an address is known is never told, by the page or by its timing.
 */
@Controller
class PrivacyCenterController {

    static final String BASE = "/privacy-center";
    private static final Logger log = LoggerFactory.getLogger(PrivacyCenterController.class);
    /** An address as the form takes it: one @, no space, a dot in its domain (the code proves the rest). */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    /** The requests whose answer is the access report: the data itself, not its categories. */
    private static final java.util.Set<String> ANSWERED_BY_THE_REPORT = java.util.Set.of(RequestType.DISCLOSURE.code(),
            RequestType.KNOW_SPECIFIC_PIECES.code(), RequestType.ACCESS.code(), RequestType.QUERY_OR_REVIEW.code(),
            RequestType.COPY.code());
    /** Requests the law asks no verification for, done when recorded (CCPA Regs §7060(b)). */
    private static final java.util.Set<RequestType.Kind> DONE_ON_RECEIPT = java.util.Set.of(RequestType.Kind.OPT_OUT,
            RequestType.Kind.LIMIT);
    private static final List<Jurisdiction> LAWS = List.of(Jurisdiction.JP, Jurisdiction.US_CA, Jurisdiction.EU,
            Jurisdiction.UK, Jurisdiction.TW);

    private final RequestRules rules;
    private final Challenges challenges;
    private final StatusLinks links;
    private final AfterTheAnswer after;
    private final PrivacyCenterLimits limits;
    private final ApiCommands commands;
    private final RequestQueue requests;
    private final AccessReportDocuments documents;
    private final PortabilityPackages packages;
    private final PrivacyCenterProperties properties;
    private final Disclosure disclosure;
    private final SignedAssertions assertions;
    private final QueryGateway queries;
    private final AuthorityProofs proofs;
    private final Clock clock = Clock.systemUTC();

    PrivacyCenterController(RequestRules rules, Challenges challenges, StatusLinks links,
                            AfterTheAnswer after, PrivacyCenterLimits limits, ApiCommands commands, RequestQueue requests,
                            AccessReportDocuments documents, PortabilityPackages packages, PrivacyCenterProperties properties,
                            Disclosure disclosure, SignedAssertions assertions, QueryGateway queries, AuthorityProofs proofs) {
        this.rules = rules;
        this.challenges = challenges;
        this.links = links;
        this.after = after;
        this.limits = limits;
        this.commands = commands;
        this.requests = requests;
        this.documents = documents;
        this.packages = packages;
        this.properties = properties;
        this.disclosure = disclosure;
        this.assertions = assertions;
        this.queries = queries;
        this.proofs = proofs;
    }

    /** The form a person filled in, as it came. */
    record RequestForm(String law, String type, String requester, String email, boolean authorityConfirmed) {
    }

    /**
     * The language switch's addresses: the page itself for a page read, the privacy center's first page
     * (with the law chosen) for one a form's answer showed, which cannot be read again.
     */
    @org.springframework.web.bind.annotation.ModelAttribute("switchTo")
    java.util.Map<String, String> switchTo(HttpServletRequest http, @RequestParam(required = false) String law) {
        String path = http.getRequestURI().substring(http.getContextPath().length());
        org.springframework.web.util.UriComponentsBuilder page = "GET".equals(http.getMethod())
                ? org.springframework.web.util.UriComponentsBuilder.fromPath(path)
                : org.springframework.web.util.UriComponentsBuilder.fromPath(BASE);
        law(law).ifPresent(chosen -> page.queryParam("law", chosen.code()));
        java.util.Map<String, String> links = new java.util.LinkedHashMap<>();
        for (String tag : List.of("en", "ja", "zh-TW")) {
            links.put(tag, http.getContextPath() + page.cloneBuilder().queryParam("lang", tag).build().toUriString());
        }
        return links;
    }

    @GetMapping(BASE)
    String home(Model model, @RequestParam(required = false) String law) {
        Optional<Jurisdiction> chosen = law(law);
        model.addAttribute("form", new RequestForm(chosen.map(Jurisdiction::code).orElse(null), null, "SUBJECT", "", false));
        return homePage(model, chosen.orElse(null), List.of());
    }

    @PostMapping(BASE + "/requests")
    String request(Model model, HttpServletRequest http, HttpServletResponse response,
                   @RequestParam(required = false) String law, @RequestParam(required = false) String type,
                   @RequestParam(required = false) String requester, @RequestParam(required = false) String email,
                   @RequestParam(defaultValue = "false") boolean authorityConfirmed,
                   @RequestParam(required = false) org.springframework.web.multipart.MultipartFile proof) throws java.io.IOException {
        RequestForm form = new RequestForm(law, type, requester, email == null ? "" : email.strip(), authorityConfirmed);
        model.addAttribute("form", form);
        Optional<Jurisdiction> jurisdiction = law(law);
        List<String> errors = new ArrayList<>();
        if (jurisdiction.isEmpty()) {
            errors.add("law");
        }
        Optional<RequestType> requestType = jurisdiction.flatMap(j -> type(type).filter(t -> rules.granted(j).contains(t)));
        if (jurisdiction.isPresent() && requestType.isEmpty()) {
            errors.add("type");
        }
        Optional<Requester> who = Arrays.stream(Requester.values()).filter(r -> r.name().equals(requester)).findFirst();
        if (who.isEmpty()) {
            errors.add("requester");
        }
        if (form.email().length() > 254 || !ADDRESS.matcher(form.email()).matches()) {
            errors.add("email");
        }
        if (who.isPresent() && who.get() != Requester.SUBJECT && !authorityConfirmed) {
            errors.add("authorityConfirmed");
        }
        // an agent sends the account holder's signed permission (CCPA Regs §7063(a)(1)) for a request that is
        // verified; a parent may send proof. An opt-out or a limit asks none (§7060(b)): nothing is kept for it
        boolean verified = requestType.isPresent() && !DONE_ON_RECEIPT.contains(requestType.get().kind());
        boolean attached = verified && proof != null && !proof.isEmpty() && who.isPresent() && who.get() != Requester.SUBJECT;
        if ((verified && who.isPresent() && who.get() == Requester.AUTHORISED_AGENT && (proof == null || proof.isEmpty()))
                || (attached && proof.getSize() > AuthorityProofs.MAX_BYTES)) {
            errors.add("proof");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return homePage(model, jurisdiction.orElse(null), errors);
        }
        if (!limits.codeAllowed(http.getRemoteAddr(), form.email())) {
            return tooMany(model, response);
        }
        // the file is read only once the limits allow the form: what it is, by its first bytes
        Optional<AuthorityProofs.Proof> authority = attached ? AuthorityProofs.Proof.of(proof.getBytes()) : Optional.empty();
        if (attached && authority.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return homePage(model, jurisdiction.get(), List.of("proof"));
        }
        Locale language = language(http);
        // nothing is looked up before the page answers: the answer and its time are the same for any address
        if (DONE_ON_RECEIPT.contains(requestType.get().kind())) {
            after.recordWithoutCode(form.email(), jurisdiction.get(), requestType.get(), who.get());
            model.addAttribute("law", jurisdiction.get().code());
            return "privacy-center/received";
        }
        if (authority.isPresent() && !after.roomFor(authority.get())) {
            // proofs waiting for their lookup are held in memory, up to a bound
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
            model.addAttribute("problem", "pc.problem.busy");
            return "privacy-center/problem";
        }
        Challenges.Made made = challenges.make(jurisdiction.get(), requestType.get(), who.get(), language.toLanguageTag());
        after.sendCode(made, form.email(), jurisdiction.get(), language, authority.orElse(null));
        return "redirect:" + BASE + "/verify/" + made.challengeId();
    }

    @GetMapping(BASE + "/verify/{challengeId}")
    String verifyPage(Model model, @PathVariable String challengeId, HttpServletResponse response) {
        Optional<Challenges.Challenge> challenge = uuid(challengeId).flatMap(challenges::find);
        if (challenge.isEmpty() || challenge.get().usedAt() != null) {
            return gone(model, response);
        }
        model.addAttribute("challengeId", challenge.get().challengeId());
        model.addAttribute("minutes", properties.codeValidFor().toMinutes());
        return "privacy-center/verify";
    }

    @PostMapping(BASE + "/verify/{challengeId}")
    String verify(Model model, HttpServletRequest http, HttpServletResponse response, @PathVariable String challengeId,
                  @RequestParam(required = false) String code) {
        Optional<UUID> id = uuid(challengeId);
        if (id.isEmpty()) {
            return gone(model, response);
        }
        if (!limits.checkAllowed(http.getRemoteAddr())) {
            return tooMany(model, response);
        }
        Challenges.Check check = challenges.check(id.get(), code == null ? "" : code.strip());
        switch (check.outcome()) {
            case UNKNOWN, USED_UP, EXPIRED -> {
                return gone(model, response);
            }
            case WRONG -> {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("challengeId", id.get());
                model.addAttribute("minutes", properties.codeValidFor().toMinutes());
                model.addAttribute("wrong", true);
                model.addAttribute("attemptsLeft", check.attemptsLeft());
                return check.attemptsLeft() > 0 ? "privacy-center/verify" : gone(model, response);
            }
            default -> {
                return made(model, http, response, check.challenge());
            }
        }
    }

    /**
     * The code was right: the request is made and verified, and its status page opens. Every step is
     * idempotent (the request's id is the challenge's), so the same code sent twice, or again after a
     * failure half-way, makes one request and opens the same page.
     */
    private String made(Model model, HttpServletRequest http, HttpServletResponse response, Challenges.Challenge challenge) {
        challenges.use(challenge.challengeId(), Challenges.requestIdOf(challenge.challengeId()));
        IdentityMethod method = switch (challenge.requester()) {
            case SUBJECT -> IdentityMethod.EMAIL_CONFIRMATION;
            case AUTHORISED_AGENT -> IdentityMethod.AGENT_AUTHORISATION;
            case PARENT_OR_GUARDIAN -> IdentityMethod.PARENTAL_AUTHORITY;
        };
        return madeAndVerified(model, http, response, new Verified(challenge.challengeId(), challenge.subjectId(), challenge.type(),
                challenge.requester(), RequestChannel.WEB_FORM, method, "privacy-center:" + challenge.challengeId(),
                challenge.language()), () -> proofs.made(challenge.challengeId()));
    }

    /** A request whose requester was verified as it was made: by a code returned, or a product's assertion. */
    private record Verified(UUID madeBy, SubjectId subjectId, RequestType type, Requester requester, RequestChannel channel,
                            IdentityMethod method, String evidence, String language) {
    }

    /**
     * Makes the request (its id derived from what made it, so a second try makes none) and verifies it,
     * runs {@code kept} once it is made, records a {@code Sec-GPC: 1} opt-out for the account now known
     * (CCPA Regs §7025), and opens the status page; a refused request gets the problem page.
     */
    private String madeAndVerified(Model model, HttpServletRequest http, HttpServletResponse response, Verified made, Runnable kept) {
        RequestId requestId = Challenges.requestIdOf(made.madeBy());
        Optional<Refusal> refused = refusal(new SubmitPrivacyRequestCommand(made.subjectId(), requestId, made.type(),
                made.requester(), made.channel(), null));
        if (refused.isPresent() && !"request-already-submitted".equals(refused.get().code())) {
            log.info("A privacy-center request was refused: {}", refused.get().code());
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "pc.problem.refused");
            return "privacy-center/problem";
        }
        kept.run();
        refusal(new VerifyIdentityCommand(made.subjectId(), requestId, made.method(), made.evidence(), null));
        if ("1".equals(http.getHeader("Sec-GPC"))) {
            refusal(new OptOutOfSaleSharingCommand(made.subjectId(), RequestChannel.GLOBAL_PRIVACY_CONTROL));
        }
        String token = links.create(made.madeBy(), made.subjectId(), requestId, made.language());
        return "redirect:" + BASE + "/status/" + token + "?made";
    }

    /**
     * A product's signed-in user asks for a right from the product's own page, which posts the product's
     * signed assertion here (ADR 0025): the assertion stands for the code, and verifies the request at
     * once ({@code AUTHENTICATED_SESSION}, with the product and the assertion's id as evidence). An
     * assertion is taken once: posted again, it opens nothing.
     */
    @PostMapping(BASE + "/signed-in")
    String signedIn(Model model, HttpServletRequest http, HttpServletResponse response,
                    @RequestParam(required = false) String assertion) {
        if (!limits.checkAllowed(http.getRemoteAddr())) {
            return tooMany(model, response);
        }
        SignedAssertions.Checked checked = assertions.check(assertion);
        Optional<SubjectSummary> subject = checked.assertion()
                .flatMap(found -> new FindSubjectSummaryQuery(found.subjectId()).askOf(queries, java.time.Duration.ofSeconds(10)));
        if (subject.isEmpty()) {
            log.info("A product's assertion was refused: {}", checked.refused() == null ? "UNKNOWN_SUBJECT" : checked.refused());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problem", "pc.problem.assertion");
            return "privacy-center/problem";
        }
        SignedAssertions.Assertion vouched = checked.assertion().get();
        if (!rules.granted(subject.get().jurisdiction()).contains(vouched.type())) {
            response.setStatus(422);
            model.addAttribute("problem", "pc.problem.notARight");
            return "privacy-center/problem";
        }
        if (!assertions.take(vouched)) {
            // posted before: a second click, or a copy captured on its way; either way it opens nothing now
            log.info("A product's assertion was refused: USED");
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", "pc.problem.assertionUsed");
            return "privacy-center/problem";
        }
        UUID made = UUID.nameUUIDFromBytes(("privacy-center-assertion|" + vouched.product() + "|" + vouched.id() + "|"
                + vouched.subjectId() + "|" + vouched.type().code()).getBytes(StandardCharsets.UTF_8));
        return madeAndVerified(model, http, response, new Verified(made, vouched.subjectId(), vouched.type(), Requester.SUBJECT,
                RequestChannel.IN_APP, IdentityMethod.AUTHENTICATED_SESSION, vouched.evidence(), language(http).toLanguageTag()),
                () -> { });
    }


    @GetMapping(BASE + "/status/{token}")
    String status(Model model, @PathVariable String token, @RequestParam(required = false) String made,
                  HttpServletRequest http, HttpServletResponse response) {
        Optional<StatusLinks.Linked> linked = links.find(token);
        Optional<RequestView> request = linked.flatMap(found -> requests.find(found.requestId().value()));
        if (linked.isEmpty()) {
            return gone(model, response);
        }
        model.addAttribute("token", token);
        model.addAttribute("made", made != null);
        model.addAttribute("requestId", linked.get().requestId());
        if (request.isEmpty()) {
            // made a moment ago: the request log has not caught up yet
            model.addAttribute("pending", true);
            return "privacy-center/status";
        }
        RequestView view = request.get();
        Locale language = language(http);
        java.time.ZoneId zone = Jurisdiction.fromCode(view.jurisdiction()).zone();
        java.time.format.DateTimeFormatter dates = java.time.format.DateTimeFormatter
                .ofLocalizedDate(java.time.format.FormatStyle.LONG).withLocale(language);
        model.addAttribute("request", view);
        model.addAttribute("stage", stage(view));
        model.addAttribute("received", dates.format(view.receivedAt().atZone(zone)));
        model.addAttribute("due", dates.format(view.dueOn()));
        model.addAttribute("erasedOn", view.certificate() == null ? null : dates.format(view.certificate().completedAt().atZone(zone)));
        model.addAttribute("answer", answerAvailable(view));
        model.addAttribute("package", packageAvailable(view));
        model.addAttribute("certificate", view.certificate() != null);
        model.addAttribute("answerDays", properties.answerAvailableFor().toDays());
        return "privacy-center/status";
    }

    /**
     * The certificate of an erasure, as long as the status link lives: what was made unrecoverable and
     * how, what the law made us keep and under how many holds, and how many processors confirmed their
     * deletion. Nothing personal is in it, so reading it logs nothing.
     */
    @GetMapping(BASE + "/status/{token}/certificate")
    String certificate(@PathVariable String token, Model model, HttpServletRequest http, HttpServletResponse response) {
        Optional<Followed> followed = followed(token);
        if (followed.isEmpty() || followed.get().request().certificate() == null) {
            return gone(model, response);
        }
        RequestView view = followed.get().request();
        RequestView.Certificate certificate = view.certificate();
        java.time.ZoneId zone = Jurisdiction.fromCode(view.jurisdiction()).zone();
        java.time.format.DateTimeFormatter dates = java.time.format.DateTimeFormatter
                .ofLocalizedDateTime(java.time.format.FormatStyle.LONG, java.time.format.FormatStyle.SHORT)
                .withLocale(language(http)).withZone(zone);
        model.addAttribute("token", token);
        model.addAttribute("request", view);
        model.addAttribute("received", dates.format(view.receivedAt()));
        model.addAttribute("completed", dates.format(certificate.completedAt()));
        model.addAttribute("zone", zone.getId());
        model.addAttribute("certificate", certificate);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return "privacy-center/certificate";
    }

    /**
     * The portability package of a fulfilled portability request (GDPR Art. 20): the data the person gave
     * us as it stood when the request was answered, every page of the export as JSON in one ZIP, for a
     * while after; each download is logged as a read of their data.
     */
    @GetMapping(BASE + "/status/{token}/package")
    ResponseEntity<byte[]> portabilityPackage(@PathVariable String token, HttpServletRequest http) {
        // each package is built anew from the history: counted against the network's hourly tries
        if (!limits.checkAllowed(http.getRemoteAddr())) {
            return ResponseEntity.status(429).header(HttpHeaders.RETRY_AFTER, "3600").contentType(MediaType.TEXT_PLAIN)
                    .body("Too many attempts".getBytes(StandardCharsets.UTF_8));
        }
        Optional<Followed> followed = followed(token).filter(found -> packageAvailable(found.request()));
        if (followed.isEmpty()) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("Not found".getBytes(StandardCharsets.UTF_8));
        }
        SubjectId subject = followed.get().link().subjectId();
        PortabilityPackages.Written written = disclosure.disclose(THE_SUBJECT, "privacy-center-portability", subject,
                packages.write(subject, followed.get().request().closedAt()));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(written.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(written.zip());
    }

    @GetMapping(BASE + "/status/{token}/answer")
    ResponseEntity<String> answer(@PathVariable String token, HttpServletRequest http) {
        Optional<Followed> followed = followed(token).filter(found -> answerAvailable(found.request()));
        if (followed.isEmpty()) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("Not found");
        }
        Locale language = language(http);
        // the report as it was when the request was answered; each download is logged, as a read of the
        // subject's data by the subject
        SubjectId subject = followed.get().link().subjectId();
        AccessReportDocuments.Written document = disclosure.disclose(THE_SUBJECT, "privacy-center-answer", subject,
                documents.write(subject, followed.get().request().closedAt(), null,
                        AccessReportDocuments.speaks(language.toLanguageTag()) ? language.toLanguageTag() : null));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(document.fileName()).build().toString())
                .header(HttpHeaders.CONTENT_LANGUAGE, document.language())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(document.html());
    }

    // --- the pages' helpers ---

    /** Who reads through the privacy center's downloads, in the access log: the subject, by their link. */
    private static final Principal THE_SUBJECT = () -> "data-subject:privacy-center";

    /** A status link and its request, once the request log holds it. */
    private record Followed(StatusLinks.Linked link, RequestView request) {
    }

    private Optional<Followed> followed(String token) {
        return links.find(token).flatMap(link -> requests.find(link.requestId().value()).map(view -> new Followed(link, view)));
    }

    private String homePage(Model model, Jurisdiction law, List<String> errors) {
        model.addAttribute("laws", LAWS.stream().map(Jurisdiction::code).toList());
        model.addAttribute("law", law == null ? null : law.code());
        model.addAttribute("rights", law == null ? List.of() : rules.granted(law).stream()
                .sorted(Comparator.comparing(Enum::ordinal)).map(RequestType::code).toList());
        model.addAttribute("requesters", Arrays.stream(Requester.values()).map(Enum::name).toList());
        model.addAttribute("errors", errors);
        return "privacy-center/home";
    }

    /** The page for a visitor past the hourly limits, with when to come back. */
    private static String tooMany(Model model, HttpServletResponse response) {
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, "3600");
        model.addAttribute("problem", "pc.problem.tooMany");
        return "privacy-center/problem";
    }

    private String gone(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("problem", "pc.problem.gone");
        return "privacy-center/problem";
    }

    /** Where the request stands, as the person reads it: received, being handled, answered or declined. */
    private static String stage(RequestView view) {
        if (RequestStatus.DENIED.name().equals(view.status())) {
            return "DENIED";
        }
        if (view.closedAt() != null) {
            return "ANSWERED";
        }
        return RequestStatus.AWAITING_IDENTITY.name().equals(view.status()) ? "RECEIVED" : "IN_PROGRESS";
    }

    /**
     * The answer of a request for the data itself (not for its categories alone, which the report would
     * exceed), for a while after it was given.
     */
    private boolean answerAvailable(RequestView view) {
        return ANSWERED_BY_THE_REPORT.contains(view.type()) && fulfilledLately(view);
    }

    /** The package of a portability request, for as long as an answer is. */
    private boolean packageAvailable(RequestView view) {
        return RequestType.PORTABILITY.code().equals(view.type()) && fulfilledLately(view);
    }

    private boolean fulfilledLately(RequestView view) {
        return RequestStatus.FULFILLED.name().equals(view.status()) && view.closedAt() != null
                && clock.instant().isBefore(view.closedAt().plus(properties.answerAvailableFor()));
    }

    /** Sends a command and answers its refusal, if it was refused; any other failure is thrown. */
    private Optional<Refusal> refusal(Object command) {
        try {
            commands.sendAndWait(command);
            return Optional.empty();
        } catch (CommandExecutionException failed) {
            Optional<Refusal> refusal = Refusal.of(failed);
            if (refusal.isEmpty()) {
                throw failed;
            }
            log.info("{} from the privacy center was refused: {}", command.getClass().getSimpleName(), refusal.get().code());
            return refusal;
        }
    }

    private static Locale language(HttpServletRequest http) {
        return RequestContextUtils.getLocale(http);
    }

    private static Optional<Jurisdiction> law(String code) {
        return LAWS.stream().filter(law -> law.code().equals(code)).findFirst();
    }

    private static Optional<RequestType> type(String code) {
        return Arrays.stream(RequestType.values()).filter(type -> type.code().equals(code)).findFirst();
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return Optional.empty();
        }
    }
}
