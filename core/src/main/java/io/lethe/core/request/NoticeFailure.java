package io.lethe.core.request;

/** Why a notice could not be delivered: a closed list, so that no address or server text reaches an event. */
public enum NoticeFailure {
    /** The subject's address was erased (its key shredded) before the notice went out. */
    RECIPIENT_ERASED,
    /** The platform holds no address for the subject. */
    NO_ADDRESS,
    /** The mail server refused the message on every attempt. */
    MAIL_REFUSED,
    /** The mail server could not be reached on any attempt. */
    MAIL_UNREACHABLE,
    /** The platform failed to write or hand over the notice on every attempt (its log says why). */
    PLATFORM_ERROR
}
