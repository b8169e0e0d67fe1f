package io.vitrine.validation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Small checks shared by the validators; each appends a violation instead of throwing. */
public final class Fields {
    /** Longest identifier (user, item, event, request ids) accepted anywhere. */
    public static final int MAX_ID_LENGTH = 128;

    private Fields() {
    }

    /** Checks a required identifier: present, not blank, at most {@link #MAX_ID_LENGTH} chars, no control chars. */
    public static void requireId(String value, String field, List<FieldViolation> out) {
        if (value == null || value.isBlank()) {
            out.add(new FieldViolation(field, "is required"));
        } else {
            checkText(value, field, MAX_ID_LENGTH, out);
        }
    }

    /** Checks an optional identifier (same rules as {@link #requireId} when present). */
    public static void optionalId(String value, String field, List<FieldViolation> out) {
        if (value != null) {
            if (value.isBlank()) {
                out.add(new FieldViolation(field, "must not be blank"));
            } else {
                checkText(value, field, MAX_ID_LENGTH, out);
            }
        }
    }

    /** Checks optional free text: at most {@code maxLength} chars and no control characters. */
    public static void optionalText(String value, String field, int maxLength, List<FieldViolation> out) {
        if (value != null) {
            checkText(value, field, maxLength, out);
        }
    }

    private static void checkText(String value, String field, int maxLength, List<FieldViolation> out) {
        if (value.length() > maxLength) {
            out.add(new FieldViolation(field, "must be at most " + maxLength + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            out.add(new FieldViolation(field, "must not contain control characters"));
        }
    }

    /**
     * Parses an optional ISO-8601 instant ({@code 2026-11-26T10:15:30Z}); returns null when absent or invalid (the
     * violation is recorded).
     */
    public static Instant optionalInstant(String value, String field, List<FieldViolation> out) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            out.add(new FieldViolation(field, "must be an ISO-8601 instant such as 2026-11-26T10:15:30Z"));
            return null;
        }
    }
}
