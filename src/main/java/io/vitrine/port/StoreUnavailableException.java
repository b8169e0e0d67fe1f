package io.vitrine.port;

/** A backing store did not answer in time or refused the connection; the operation may be retried later. */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
