package io.vitrine.validation;

import java.util.List;

/** Thrown when an input has one or more invalid fields; carries all of them, not only the first. */
public class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldViolation> violations;

    public ValidationException(String message, List<FieldViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
