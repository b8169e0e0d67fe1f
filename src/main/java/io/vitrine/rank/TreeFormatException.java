package io.vitrine.rank;

/**
 * A trees file ({@link TreeEnsemble}) could not be read: it is not in the format, has a format version this build does
 * not read, is truncated, or describes no valid ensemble.
 */
public class TreeFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TreeFormatException(String message) {
        super(message);
    }

    public TreeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
