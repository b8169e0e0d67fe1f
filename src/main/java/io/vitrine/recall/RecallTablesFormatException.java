package io.vitrine.recall;

import java.io.IOException;

/**
 * Recall tables could not be read: the input is not in the recall tables format, has a format version this build does
 * not read, is truncated, or is corrupt (checksum or structure). The loader should keep the tables it has.
 */
public class RecallTablesFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public RecallTablesFormatException(String message) {
        super(message);
    }

    public RecallTablesFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
