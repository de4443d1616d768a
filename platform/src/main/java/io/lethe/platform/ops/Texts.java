package io.lethe.platform.ops;

/** Lengths an operator's answers state for texts that are not the platform's own bounded values. */
public final class Texts {

    /** A class's simple name: the platform's and its libraries' are far shorter; a longer one is cut. */
    public static final int CLASS_NAME = 128;

    private Texts() {
    }
}
