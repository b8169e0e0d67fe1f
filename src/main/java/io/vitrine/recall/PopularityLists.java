package io.vitrine.recall;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.vitrine.feature.ScoredItem;

/**
 * Most popular items overall and per category, by time-decayed weight as of one instant ({@link CategoryPopularity}).
 *
 * @param asOfMillis the instant the scores are valid for (the last interaction of the data)
 * @param halfLife the half-life the scores were decayed with; positive
 * @param global the top items over all categories, best first
 * @param categories per category, its top items, best first; iterated in category order
 */
public record PopularityLists(long asOfMillis, Duration halfLife, List<ScoredItem> global,
        Map<String, List<ScoredItem>> categories) {

    public PopularityLists {
        Objects.requireNonNull(halfLife, "halfLife");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("halfLife must be positive");
        }
        global = checked(global, "global");
        TreeMap<String, List<ScoredItem>> copy = new TreeMap<>();
        categories.forEach((name, list) -> copy.put(Objects.requireNonNull(name, "category"), checked(list, name)));
        categories = Collections.unmodifiableMap(copy);
    }

    /** The top items of {@code category}, best first; empty for an unknown category. */
    public List<ScoredItem> category(String category) {
        return categories.getOrDefault(category, List.of());
    }

    private static List<ScoredItem> checked(List<ScoredItem> list, String name) {
        List<ScoredItem> copy = List.copyOf(list);
        for (int p = 0; p < copy.size(); p++) {
            double score = copy.get(p).score();
            Objects.requireNonNull(copy.get(p).itemId(), "item id");
            if (Double.isNaN(score) || (p > 0 && score > copy.get(p - 1).score())) {
                throw new IllegalArgumentException("popularity list " + name + " must be in descending order");
            }
        }
        return copy;
    }
}
