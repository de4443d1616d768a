package io.lethe.core.breach;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a breach notice tells the people affected, written by privacy staff in the language of the
 * duty's law, under the headings California prescribes (Civ. Code 1798.82(d)(1)), which also carry
 * what GDPR Art. 34(2), APPI Enforcement Rules Art. 10 and PDPA Art. 12 ask: the nature of the
 * breach, the data involved, its likely consequences and the measures taken, what a person can do,
 * and whom to contact. It describes the incident, the same for everyone it is sent to: it names no
 * one.
 */
public record BreachLetter(
        @NotBlank @Size(max = BreachLetter.MAX_SECTION) String whatHappened,
        @NotBlank @Size(max = BreachLetter.MAX_SECTION) String whatInformationWasInvolved,
        @NotBlank @Size(max = BreachLetter.MAX_SECTION) String whatWeAreDoing,
        @NotBlank @Size(max = BreachLetter.MAX_SECTION) String whatYouCanDo,
        @NotBlank @Size(max = BreachLetter.MAX_SECTION) String forMoreInformation) {

    /** The longest a section may be. */
    public static final int MAX_SECTION = 4000;
}
