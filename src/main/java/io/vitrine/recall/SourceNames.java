package io.vitrine.recall;

import java.util.List;

/**
 * The names of the recall sources, in the order they run: the configuration, experiments, the ranking features (a
 * candidate's rank and score in each source) and the {@code sources} of a recommended item all use these names.
 */
public final class SourceNames {
    /** Every source, in run order (the first source to rank an item is named first with it). */
    public static final List<String> ALL = List.of("ease", "item_cf", "embedding", "recent", "popular", "affinity",
            "trending", "new_arrivals");
    /** The sources seeded by the user's recent items. */
    public static final List<String> HISTORY = List.of("ease", "item_cf", "embedding", "recent");

    private SourceNames() {
    }

    /** The position of a source in {@link #ALL}. */
    public static int index(String source) {
        int i = ALL.indexOf(source);
        if (i < 0) {
            throw new IllegalArgumentException("no recall source " + source + "; known: " + ALL);
        }
        return i;
    }
}
