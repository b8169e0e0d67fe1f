package io.vitrine.experiment;

import java.nio.charset.StandardCharsets;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The hashes that place users, specified so that any client can reproduce them: MurmurHash3 x86 32-bit with seed 0 over
 * the UTF-8 bytes of the text, read as an unsigned 32-bit integer, modulo {@value #BUCKETS}.
 * <ul>
 * <li>layer bucket: the text {@code layer + "|" + userId}</li>
 * <li>variant bucket: the text {@code salt + ":" + userId}</li>
 * </ul>
 * Layers and salts cannot contain {@code |} or {@code :}, so the two texts never coincide and the two buckets are
 * independent.
 */
public final class Bucketing {
    /** Buckets per hash. */
    public static final int BUCKETS = 10_000;

    private Bucketing() {
    }

    /** MurmurHash3 x86 32-bit, seed 0, of the text's UTF-8 bytes, unsigned. */
    public static long hash(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Integer.toUnsignedLong(MurmurHash3.hash32x86(bytes, 0, bytes.length, 0));
    }

    /** The bucket of a text, 0 to 9,999. */
    public static int bucket(String text) {
        return (int) (hash(text) % BUCKETS);
    }

    /** Where a user falls in a layer. */
    public static int layerBucket(String layer, String userId) {
        return bucket(layer + "|" + userId);
    }

    /** Where a user falls among an experiment's variants. */
    public static int variantBucket(String salt, String userId) {
        return bucket(salt + ":" + userId);
    }
}
