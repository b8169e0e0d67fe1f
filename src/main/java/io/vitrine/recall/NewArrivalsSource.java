package io.vitrine.recall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vitrine.catalog.NewArrivals;
import io.vitrine.feature.ScoredItem;

/**
 * Fresh recommendable items: the newest listings overall and in the user's favourite categories (top 3) and brands (top
 * 2), read in one round trip. An item's score is its recency ({@code 2^(-age / 7 days)}) times the weight of the lists
 * it appears in (1 for the global list, plus twice the user's interest share of the category or brand), so a cold user
 * gets the newest items and a known user the newest items of their tastes.
 */
public final class NewArrivalsSource implements RecallSource {
    private static final double RECENCY_HALF_LIFE_MILLIS = Duration.ofDays(7).toMillis();

    private final Lookup lists;
    private final Duration window;

    /**
     * @param lists reads several new-arrival lists at once (the catalog store, or a cache in front of it)
     * @param window how recently an item must have been listed to count as new
     */
    public NewArrivalsSource(Lookup lists, Duration window) {
        this.lists = lists;
        this.window = window;
    }

    /** Reads new-arrival lists; see {@code CatalogStore.newArrivals}. */
    @FunctionalInterface
    public interface Lookup {
        Map<String, List<ScoredItem>> newArrivals(List<String> scopes, Instant since, int limit);
    }

    @Override
    public String name() {
        return "new_arrivals";
    }

    @Override
    public List<ScoredItem> recall(RecallContext context, int limit) {
        Map<String, Double> weights = new HashMap<>();
        weights.put(NewArrivals.GLOBAL, 1.0);
        Favourites.top(context.categoryAffinity(), 3)
                .forEach((k, share) -> weights.put(NewArrivals.categoryScope(k), 2 * share));
        Favourites.top(context.brandAffinity(), 2)
                .forEach((k, share) -> weights.put(NewArrivals.brandScope(k), 2 * share));
        Instant now = context.now();
        Map<String, List<ScoredItem>> found = lists.newArrivals(new ArrayList<>(weights.keySet()),
                now.minus(window), limit + context.exclude().size());
        try (Scores scores = Scores.borrow(limit * 2)) {
            found.forEach((scope, list) -> {
                double weight = weights.getOrDefault(scope, 0.0);
                for (ScoredItem item : list) {
                    if (!context.exclude().contains(item.itemId())) {
                        double age = Math.max(0, now.toEpochMilli() - item.score());
                        scores.add(item.itemId(), weight * Math.pow(2, -age / RECENCY_HALF_LIFE_MILLIS));
                    }
                }
            });
            return scores.top(limit);
        }
    }
}
