package io.vitrine.port;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A flat namespace of byte objects under one base location: a directory or an S3 bucket and prefix (the adapters of
 * {@code io.vitrine.storage}). Model bundles are stored here. Both implementations pass {@code ObjectStoreContract}.
 *
 * <p>
 * <b>Keys</b> are relative to the base and use {@code /} between segments ({@code 20261120T1200Z/model.tribuo}). A key
 * is rejected with {@link IllegalArgumentException} when it is blank, starts or ends with {@code /}, has an empty,
 * {@code .} or {@code ..} segment, contains a backslash or a control character, is longer than 1024 UTF-8 bytes, or has
 * a segment starting with {@code .vitrine-tmp-} (reserved for writes in progress). The same rules hold for every
 * implementation, so a bundle can be copied from one store to another.
 *
 * <p>
 * <b>Failures:</b> an absent object is not an error ({@link #get} is empty, {@link #delete} does nothing). A store that
 * cannot be reached or read (network, I/O, permissions, missing bucket) throws
 * {@link io.vitrine.port.StoreUnavailableException}, so callers can keep what they have and retry later.
 *
 * <p>
 * Implementations are safe for concurrent use. {@link #close()} releases the connection resources the store owns.
 */
public interface ObjectStore extends AutoCloseable {

    /** The base location, as a URI the storage adapters open ({@code file:///...} or {@code s3://...}). */
    URI location();

    /**
     * Stores an object, replacing any previous content. Atomic per object: a concurrent or later {@link #get} sees the
     * old or the new content, never a partial one, and never finds the object missing while it is being replaced.
     *
     * @param key a valid key (see the class documentation)
     * @param content the bytes; may be empty
     * @throws IllegalArgumentException when the key is invalid
     * @throws io.vitrine.port.StoreUnavailableException when the store cannot be written
     */
    void put(String key, byte[] content);

    /**
     * Reads an object whole.
     *
     * @return its content, or empty when there is no object under the key
     * @throws IllegalArgumentException when the key is invalid
     * @throws io.vitrine.port.StoreUnavailableException when the store cannot be read
     */
    Optional<byte[]> get(String key);

    /**
     * The keys of the objects whose key starts with {@code prefix}, relative to the base, sorted ascending. The prefix
     * is a plain string prefix, as in S3: {@code "v1"} matches {@code v1/model.tribuo} and {@code v10/model.tribuo};
     * use {@code "v1/"} for the objects "in" {@code v1}. Nested keys are included.
     *
     * @param prefix empty for every key; otherwise a key prefix that may end with {@code /}
     * @throws IllegalArgumentException when the prefix could never start a valid key
     * @throws io.vitrine.port.StoreUnavailableException when the store cannot be listed
     */
    List<String> list(String prefix);

    /**
     * Removes an object; does nothing when there is none.
     *
     * @throws IllegalArgumentException when the key is invalid
     * @throws io.vitrine.port.StoreUnavailableException when the store cannot be written
     */
    void delete(String key);

    /** Releases what the store owns (an S3 client it created); the default owns nothing. Never throws. */
    @Override
    default void close() {
    }
}
