package io.vitrine.storage;

import java.nio.charset.StandardCharsets;

import io.vitrine.port.ObjectStore;

/** The key rules of {@link ObjectStore}, shared by every implementation so bundles are portable between stores. */
final class ObjectKeys {
    /** Names of in-progress writes of {@link FileObjectStore}; never valid key segments, so never listed. */
    static final String RESERVED_SEGMENT_PREFIX = ".vitrine-tmp-";
    /** S3's limit on a key. */
    static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {
    }

    /**
     * @return the key, unchanged
     * @throws IllegalArgumentException naming the rule the key breaks
     */
    static String requireKey(String key) {
        String problem = keyProblem(key, MAX_KEY_BYTES);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid object key " + quote(key) + ": " + problem);
        }
        return key;
    }

    /** Whether {@code key} is valid (listings skip objects, such as S3 "folder" markers, that are not). */
    static boolean isKey(String key) {
        return keyProblem(key, MAX_KEY_BYTES) == null;
    }

    /**
     * A list prefix: empty, or something a valid key could start with (so it may end with {@code /} or in the middle of
     * a segment).
     *
     * @return the prefix, unchanged
     */
    static String requirePrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("Invalid list prefix null: use \"\" for every key");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        // A prefix may stop anywhere in a key (after a '/', inside a segment): checking it with a stand-in next
        // character applies every other rule ("a/", "v1", "a/.." pass as starts of "a/x", "v1x", "a/..x"; "/a",
        // "../", "a\\" do not).
        String problem = keyProblem(prefix + "x", MAX_KEY_BYTES + 1);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid list prefix " + quote(prefix) + ": " + problem);
        }
        return prefix;
    }

    private static String keyProblem(String key, int maxBytes) {
        if (key == null) {
            return "must not be null";
        }
        if (key.isBlank()) {
            return "must not be blank";
        }
        if (key.startsWith("/")) {
            return "must be relative (no leading '/')";
        }
        if (key.endsWith("/")) {
            return "must name an object, not end with '/'";
        }
        if (key.indexOf('\\') >= 0) {
            return "must use '/' as separator, not '\\'";
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return "must not contain control characters";
            }
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return "must be at most " + MAX_KEY_BYTES + " bytes in UTF-8";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return "must not contain an empty segment ('//')";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "must not contain '.' or '..' segments";
            }
            if (segment.startsWith(RESERVED_SEGMENT_PREFIX)) {
                return "segments starting with '" + RESERVED_SEGMENT_PREFIX + "' are reserved";
            }
        }
        return null;
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        // Control characters are shown escaped so the message stays one readable line.
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.codePointCount(0, value.length()) > 200 ? "...'" : "'").toString();
    }
}
