package io.lethe.core.request;

/**
 * A notice the law owes the requester about one request, which the platform sends by e-mail to the
 * address it holds for the subject (ADR 0024).
 */
public enum NoticeKind {
    /** Receipt confirmed, with the due date (CCPA Regs §7021: within 10 business days; good practice elsewhere). */
    RECEIPT,
    /** The one extension, with its reason and the new due date (GDPR Art. 12(3), CCPA 1798.145, PDPA Art. 13). */
    EXTENSION,
    /** The denial, with its reason and how to appeal or complain (GDPR Art. 12(4), CCPA Regs §7022–7024, APPI Art. 33(3)). */
    DENIAL
}
