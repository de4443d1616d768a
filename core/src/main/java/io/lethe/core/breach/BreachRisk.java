package io.lethe.core.breach;

/** The assessed risk to the rights and freedoms of the people affected (GDPR Arts. 33, 34). */
public enum BreachRisk {
    /** Unlikely to result in a risk: no authority notification, but documented (Art. 33(5)). */
    UNLIKELY,
    /** A risk: the authority is notified. */
    RISK,
    /** A high risk: the individuals are notified too (Art. 34). */
    HIGH
}
