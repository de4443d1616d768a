package io.lethe.platform.privacycenter;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.request.RequestId;
import io.lethe.query.access.Disclosure;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * The proof of authority an agent sent with a request from the privacy center, for privacy staff to
 * check before they act (CCPA Regs §7063(a)(1)): what it is, and the document itself, each opening
 * logged as a read of the account holder's data.
 */
@RestController
@Tag(name = "Privacy requests")
class AuthorityProofController {

    private final AuthorityProofs proofs;
    private final Disclosure disclosure;

    AuthorityProofController(AuthorityProofs proofs, Disclosure disclosure) {
        this.proofs = proofs;
        this.disclosure = disclosure;
    }

    @ApiResponse(responseCode = "200", description = "The proof's kind, size, digest and arrival; nothing personal.")
    @ApiResponse(responseCode = "404", description = "`authority-proof-not-found`: the request came with no proof.")
    @GetMapping("/api/privacy-requests/{requestId}/authority-proof")
    @Operation(operationId = "getAuthorityProof", summary = "The proof of authority an agent sent with the request")
    AuthorityProofs.Held proof(@PathVariable RequestId requestId) {
        return proofs.held(requestId).orElseThrow(AuthorityProofController::notFound);
    }

    @ApiResponse(responseCode = "200", description = "The document as sent (the read is logged).", content = {
            @Content(mediaType = "application/pdf"), @Content(mediaType = "image/png"), @Content(mediaType = "image/jpeg")})
    @ApiResponse(responseCode = "404", description = "`authority-proof-not-found`: the request came with no proof.")
    @ApiResponse(responseCode = "409", description = "`authority-proof-erased`: erased with the account holder's profile.")
    @GetMapping("/api/privacy-requests/{requestId}/authority-proof/document")
    @Operation(operationId = "getAuthorityProofDocument", summary = "Open the proof of authority",
            description = "The document itself, opened from its seal under the account holder's key; the read is logged.")
    ResponseEntity<byte[]> document(@PathVariable RequestId requestId, Principal principal) {
        AuthorityProofs.Stored stored = proofs.stored(requestId).orElseThrow(AuthorityProofController::notFound);
        // the read is recorded, then the document opened with that read's opener
        byte[] bytes = AuthorityProofs.document(disclosure.disclose(principal, "authority-proof", java.util.List.of(stored.subjectId()),
                        opener -> opener.open(stored.subjectId(), AuthorityProofs.FIELD, stored.document())))
                .orElseThrow(() -> RefusedException.because("authority-proof-erased", Refusal.Kind.CONFLICT,
                        "The proof was erased with the account holder's profile."));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(stored.contentType()))
                // a file from the public form: downloaded, never rendered on the platform's origin
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"authority-proof-" + requestId + extension(stored.contentType()) + "\"")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes);
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            default -> ".jpg";
        };
    }

    private static RefusedException notFound() {
        return RefusedException.because("authority-proof-not-found", Refusal.Kind.NOT_FOUND, "The request came with no proof of authority.");
    }
}
