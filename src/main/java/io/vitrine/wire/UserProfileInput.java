package io.vitrine.wire;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.vitrine.catalog.UserProfile;
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
@Schema(name = "UserProfile", description = "An optional user profile; texts have no control characters, and an empty"
        + " device or location means absent")
public record UserProfileInput(
        @Schema(minLength = 1, maxLength = Fields.MAX_ID_LENGTH, description = "The user id: the path's; if also in"
                + " the body the two must match", examples = "u-42") String userId,
        @Schema(nullable = true, maxLength = 64, description = "The user's usual device class",
                examples = "ios") String device,
        @Schema(nullable = true, maxLength = Fields.MAX_ID_LENGTH, description = "Where the user is",
                examples = "CH") String location,
        @Schema(nullable = true, format = "date-time", description = "When the user signed up (RFC 3339, years 0000"
                + " to 9999)",
                examples = "2025-06-01T00:00:00Z") String signupAt) {

    /** Validates this profile; returns null and records violations when invalid. */
    public UserProfile validate(List<FieldViolation> out) {
        int before = out.size();
        Fields.requireId(userId, "userId", out);
        Fields.optionalText(device, "device", 64, out);
        Fields.optionalText(location, "location", Fields.MAX_ID_LENGTH, out);
        Instant signup = Fields.optionalInstant(signupAt, "signupAt", out);
        return out.size() > before
                ? null
                : new UserProfile(userId, Fields.emptyToNull(device), Fields.emptyToNull(location), signup);
    }
}
