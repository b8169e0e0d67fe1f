package io.vitrine.validation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Small checks shared by the validators; each appends a violation instead of throwing. */
public final class Fields {
    /** Longest identifier (user, item, event, request ids) accepted anywhere. */
    public static final int MAX_ID_LENGTH = 128;
    /** Earliest instant accepted: RFC 3339 timestamps have four-digit years. */
    public static final Instant MIN_INSTANT = Instant.parse("0000-01-01T00:00:00Z");
    /** Latest instant accepted (beyond it, epoch milliseconds and listing scores would overflow or mislead). */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

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

    /** An optional text that is empty means absent: stored text reads back the same way either way. */
    public static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static void checkText(String value, String field, int maxLength, List<FieldViolation> out) {
        if (value.length() > maxLength) {
            out.add(new FieldViolation(field, "must be at most " + maxLength + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            out.add(new FieldViolation(field, "must not contain control characters"));
        } else if (!wellFormed(value)) {
            // JSON can carry a lone surrogate (an escape such as \ud800); UTF-8 cannot, so it would be stored as '?'
            // and two different ids would become one.
            out.add(new FieldViolation(field, "must be valid Unicode (it has an unpaired surrogate)"));
        }
    }

    /** Whether every surrogate in {@code value} is part of a pair. */
    static boolean wellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses an optional ISO-8601 instant ({@code 2026-11-26T10:15:30Z}) with a four-digit year; returns null when
     * absent or invalid (the violation is recorded).
     */
    public static Instant optionalInstant(String value, String field, List<FieldViolation> out) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            out.add(new FieldViolation(field, "must be an ISO-8601 instant such as 2026-11-26T10:15:30Z"));
            return null;
        }
        if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
            out.add(new FieldViolation(field, "must lie between the years 0000 and 9999"));
            return null;
        }
        return instant;
    }
}
