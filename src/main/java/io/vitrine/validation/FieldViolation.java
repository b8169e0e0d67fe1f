package io.vitrine.validation;

/**
 * One invalid field of a request.
 *
 * @param field the JSON path of the field, e.g. {@code events[2].timestamp}; {@code ""} for the body itself
 * @param message what is wrong, phrased for the client developer
 */
public record FieldViolation(String field, String message) {

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
