package io.lethe.core.personaldata;

/** The purposes of use the policy announces (§2), in its order. */
public enum Purpose {
    PROVIDE_SERVICE("To provide the Service"),
    INFORM_ABOUT_SERVICE("To provide information on the Service and to respond to inquiries"),
    INFORM_ABOUT_PRODUCTS("To provide information on our products and services"),
    RESPOND_TO_VIOLATIONS("To respond to violations of our terms and policies"),
    SURVEY_USAGE("To survey and analyze the usage of the Service"),
    NOTIFY_TERMS_CHANGES("To notify you of changes to the Terms"),
    IMPROVE_AND_DEVELOP("To improve our services and develop new services"),
    RESOLVE_PROBLEMS("To resolve problems in the operation of our services"),
    MONITOR_INFRINGING_ACTIVITY("To monitor and act on posts or activities that infringe rights or the Terms"),
    PREVENT_UNAUTHORISED_USE("To prevent and monitor unauthorized use and to ensure safety"),
    SURVEYS_AND_EVENTS("To request cooperation in surveys or events and report their results"),
    SEND_REWARDS("To send rewards for cooperation in surveys"),
    SEND_PRIZES("To send prizes for prize competitions"),
    ANONYMOUS_STATISTICS("To create statistics that do not identify individuals"),
    ADVERTISING("To serve advertisements based on the use of the Service, here and on third-party sites"),
    INCIDENTAL("For other purposes incidental to the above");

    private final String description;

    Purpose(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
