package io.lethe.query.request;

import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.request.RequestRules;
import io.lethe.core.request.RequestStatus;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.ResponseRule;

import java.util.ArrayList;
import java.util.List;

/**
 * A step privacy staff can take on a request now, as the request's own rules decide it: the console
 * offers these and no others, and any client can do the same. The request (command side) still
 * decides each step when it is taken; this only says which would be accepted.
 */
public enum RequestStep {
    /** Confirm receipt, where the law sets a day for it (US-CA) and it is not yet confirmed. */
    ACKNOWLEDGE,
    /** Record how the requester's identity was verified, while the request waits for it. */
    VERIFY_IDENTITY,
    /** Record the fee's settlement, while a fee is owed (APPI disclosure). */
    SETTLE_FEE,
    /** Extend the deadline, once, where the law grants an extension for the type and its clock runs. */
    EXTEND,
    /** Answer the request, once identity is verified and no fee is owed; an erasure is answered by its process. */
    FULFIL,
    /** Correct the data, which fulfils a correction request. */
    CORRECT,
    /** Deny the request, while it is open. */
    DENY;

    /** The steps a request in this state takes. */
    static List<String> applying(Jurisdiction jurisdiction, RequestType type, RequestStatus status, boolean closed,
                                 boolean acknowledgementOwed, boolean feeOwed, boolean extended, boolean clockStopped,
                                 RequestRules rules) {
        List<String> steps = new ArrayList<>();
        if (closed) {
            return steps;
        }
        if (acknowledgementOwed) {
            steps.add(ACKNOWLEDGE.name());
        }
        boolean awaitingIdentity = status == RequestStatus.AWAITING_IDENTITY;
        if (awaitingIdentity) {
            steps.add(VERIFY_IDENTITY.name());
        }
        if (feeOwed) {
            steps.add(SETTLE_FEE.name());
        }
        // not while the clock waits for identity (UK): there is no period yet to extend
        if (!extended && !clockStopped && rules.rule(jurisdiction, type).flatMap(ResponseRule::extension).isPresent()) {
            steps.add(EXTEND.name());
        }
        if (!awaitingIdentity && !feeOwed && type.kind() != RequestType.Kind.ERASURE) {
            // a correction of the profile corrects and answers at once; one of other data is answered as done
            if (type.kind() == RequestType.Kind.CORRECTION) {
                steps.add(CORRECT.name());
            }
            steps.add(FULFIL.name());
        }
        steps.add(DENY.name());
        return steps;
    }
}
