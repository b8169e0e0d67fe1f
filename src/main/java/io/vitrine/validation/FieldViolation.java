package io.vitrine.validation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One invalid field of a request.
 *
 * @param field the JSON path of the field, e.g. {@code events[2].timestamp}; {@code ""} for the body itself
 * @param message what is wrong, phrased for the client developer
 */
@Schema(name = "FieldViolation", description = "One invalid field")
public record FieldViolation(
        @Schema(required = true, description = "The JSON path of the field; empty for the body itself",
                examples = "events[2].timestamp") String field,
        @Schema(required = true, description = "What is wrong, for the client developer",
                examples = "must be an ISO-8601 instant such as 2026-11-26T10:15:30Z") String message) {

    /**
     * Whether this violation concerns {@code other}'s field or a part of it ({@code context} covers
     * {@code context.device} and {@code tags} covers {@code tags[2]}), or the other way round.
     */
    public boolean overlaps(FieldViolation other) {
        return covers(field, other.field) || covers(other.field, field);
    }

    private static boolean covers(String outer, String inner) {
        return inner.equals(outer) || inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
    }

    /** Returns this violation with {@code prefix} prepended to its path ({@code events[3]} + {@code userId}). */
    public FieldViolation under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        return new FieldViolation(field.isEmpty() ? prefix : prefix + "." + field, message);
    }
}
