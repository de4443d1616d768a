package io.lethe.core.request;

/** How a request reached the company (kept in the request log, CCPA Regs §7101). */
public enum RequestChannel {
    WEB_FORM,
    IN_APP,
    EMAIL,
    MAIL,
    PHONE,
    /** The browser's Global Privacy Control signal ({@code Sec-GPC: 1}), an opt-out by law (CCPA Regs §7025). */
    GLOBAL_PRIVACY_CONTROL
}
