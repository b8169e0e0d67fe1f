package io.vitrine.catalog;

import java.time.Instant;
import java.util.List;

import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.Fields;

/**
 * A user profile as sent or imported.
 *
 * @param userId required
 * @param device at most 64 characters
 * @param location at most 128 characters
 * @param signupAt ISO-8601 instant
 */
public record UserProfileInput(String userId, String device, String location, String signupAt) {

    /** Validates this profile; returns null and records violations when invalid. */
    public UserProfile validate(List<FieldViolation> out) {
        int before = out.size();
        Fields.requireId(userId, "userId", out);
        Fields.optionalText(device, "device", 64, out);
        Fields.optionalText(location, "location", Fields.MAX_ID_LENGTH, out);
        Instant signup = Fields.optionalInstant(signupAt, "signupAt", out);
        return out.size() > before ? null : new UserProfile(userId, device, location, signup);
    }
}
