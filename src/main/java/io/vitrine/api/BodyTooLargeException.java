package io.vitrine.api;

/** A request body grew beyond the accepted size while it was read (mapped to a 413 problem document). */
public class BodyTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long maxBytes;

    public BodyTooLargeException(long maxBytes) {
        super("The body has more than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The limit that was exceeded. */
    public long maxBytes() {
        return maxBytes;
    }
}
