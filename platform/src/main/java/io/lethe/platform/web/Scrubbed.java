package io.lethe.platform.web;

/**
 * An exception as it may be logged: the same chain of causes with the same stack traces, each named
 * by its type alone. Messages are left out because some quote the input they failed on, and input
 * here may be personal data.
 */
final class Scrubbed extends RuntimeException {

    private final String type;

    private Scrubbed(Throwable original, Scrubbed cause) {
        super(null, cause, false, true);
        this.type = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    static Scrubbed of(Throwable exception) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable cause = exception; cause != null && !chain.contains(cause) && chain.size() < 20; cause = cause.getCause()) {
            chain.add(cause);
        }
        Scrubbed scrubbed = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            scrubbed = new Scrubbed(chain.get(i), scrubbed);
        }
        return scrubbed;
    }

    @Override
    public String toString() {
        return type;
    }
}
