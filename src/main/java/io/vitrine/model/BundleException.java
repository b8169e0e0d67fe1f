package io.vitrine.model;

/** A bundle is missing, malformed, of an unknown format, corrupt, or built for other feature code. */
public class BundleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
