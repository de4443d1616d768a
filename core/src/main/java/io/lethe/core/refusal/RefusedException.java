package io.lethe.core.refusal;

/** Thrown by decisions that decline a command or query; carries the {@link Refusal}. */
public class RefusedException extends RuntimeException {

    private final transient Refusal refusal;

    public RefusedException(Refusal refusal) {
        super(refusal.detail(), null, false, false);
        this.refusal = refusal;
    }

    /** A refusal with its stable code, its HTTP-like kind and a fixed sentence free of personal data. */
    public static RefusedException because(String code, Refusal.Kind kind, String detail) {
        return new RefusedException(new Refusal(code, kind, detail));
    }

    public Refusal refusal() {
        return refusal;
    }
}
