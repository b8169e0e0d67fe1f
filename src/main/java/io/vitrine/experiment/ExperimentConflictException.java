package io.vitrine.experiment;

/** An experiment change that contradicts the stored state (answered with 409): nothing was stored. */
public final class ExperimentConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExperimentConflictException(String message) {
        super(message);
    }
}
