package io.vitrine.recall;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vitrine.feature.ScoredItem;

/**
 * Where serving instances read the recall tables of a bundle from: the neighbour lists of every named source and the
 * popularity lists (global and per category), kept per bundle version so that loading a new version never changes what
 * readers of the active one see. Item embeddings are not stored here; serving keeps them in memory.
 *
 * <p>
 * Lifecycle: {@link #load} a version, {@link #activate} it once it is complete, {@link #drop} an older one when no
 * instance reads it any more. Versions are immutable: loading a version again must use the same tables (to finish a
 * load that failed half-way); to change a version, drop it first. Load and drop of the same version must not run
 * concurrently; reads may run concurrently with anything. Versions and source names are {@linkplain #NAME plain names}
 * (so a key can carry them without escaping); item ids and categories may be any string.
 *
 * <p>
 * An item or category without a list and an item or category whose list is empty are the same thing: absent.
 */
public interface RecallTableStore {
    /** What a version or source name may look like: 1 to 64 ASCII letters, digits, '.', '_' or '-'. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Stores the neighbour lists of every source of {@code tables} and its popularity lists under {@code version}. The
     * version is not {@linkplain #activate activatable} until the load has completed.
     *
     * @throws IllegalArgumentException if the version or a source name is not a {@linkplain #NAME plain name}
     * @throws IllegalStateException if {@code version} is the active version (readers would see it change)
     */
    void load(String version, RecallTables tables);

    /**
     * Points readers at {@code version}.
     *
     * @throws IllegalStateException if the version has not been completely loaded (or has been dropped)
     */
    void activate(String version);

    /** The version readers should use; empty before the first {@link #activate}. */
    Optional<String> activeVersion();

    /**
     * The neighbour lists, best first, of the given items in the table {@code source} of {@code version}, in one round
     * trip. Items without a list (and unknown versions or sources) are absent from the map; the map iterates in the
     * order of {@code itemIds}.
     */
    Map<String, List<ScoredItem>> neighbours(String version, String source, Collection<String> itemIds);

    /**
     * The first {@code limit} items of a popularity list of {@code version}, best first: of {@code category}, or the
     * global list when it is empty. Empty for an unknown version or category.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    List<ScoredItem> popular(String version, Optional<String> category, int limit);

    /**
     * Deletes everything {@link #load} stored for {@code version} with these {@code tables} (the ones it was loaded
     * with: the store does not search for keys). Dropping a version that is not there does nothing.
     *
     * @throws IllegalStateException if {@code version} is the active version
     */
    void drop(String version, RecallTables tables);

    /**
     * Returns {@code name} if it is a {@linkplain #NAME plain name}.
     *
     * @param what what the name is, for the message
     * @throws IllegalArgumentException otherwise
     */
    static String requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 of [A-Za-z0-9._-]: " + name);
        }
        return name;
    }

    /** Checks the version and every source name of {@code tables} (before anything is written). */
    static void requireNames(String version, RecallTables tables) {
        requireName("version", version);
        tables.neighbours().keySet().forEach(source -> requireName("recall source", source));
    }

    /**
     * Returns {@code limit} if it is not negative.
     *
     * @throws IllegalArgumentException otherwise
     */
    static int requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return limit;
    }
}
