package io.vitrine.api;

import java.util.List;

import io.vitrine.validation.FieldViolation;

/**
 * A public call without a valid user token (401), or naming a user who is not the token's subject (403). Messages never
 * contain the token.
 */
public class UserTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient List<FieldViolation> violations;

    private UserTokenException(int status, String message, List<FieldViolation> violations) {
        super(message);
        this.status = status;
        this.violations = violations;
    }

    /** No token, or one that does not verify; {@code reason} says which check failed, in words for the client. */
    public static UserTokenException invalid(String reason) {
        return new UserTokenException(401, reason, List.of());
    }

    /** The request names users other than the token's subject. */
    public static UserTokenException notTheSubject(List<FieldViolation> violations) {
        return new UserTokenException(403, "The request names a user other than the subject of the user token",
                List.copyOf(violations));
    }

    public int status() {
        return status;
    }

    /** For 403: each field naming another user. */
    public List<FieldViolation> violations() {
        return violations;
    }
}
