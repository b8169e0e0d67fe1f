package io.vitrine.recall;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vitrine.feature.RecentItem;

/**
 * What the recall sources know about one request.
 *
 * @param userId the user
 * @param history the user's recent interactions, most recent first (the seeds of item-to-item recall)
 * @param anchorItemId the item the user is looking at, if any
 * @param categoryAffinity the user's decayed interest per category (for popular-in-category recall)
 * @param brandAffinity the user's decayed interest per brand
 * @param exclude items that must not be recalled (already consumed, excluded by the client)
 * @param now the request time
 * @param priceBand the prices the user buys at ({@link PriceBand#ANY} for a user without purchases)
 */
public record RecallContext(String userId, List<RecentItem> history, Optional<String> anchorItemId,
        Map<String, Double> categoryAffinity, Map<String, Double> brandAffinity, Set<String> exclude, Instant now,
        PriceBand priceBand) {

    public RecallContext {
        history = List.copyOf(history);
        categoryAffinity = Map.copyOf(categoryAffinity);
        brandAffinity = Map.copyOf(brandAffinity);
        exclude = Set.copyOf(exclude);
        java.util.Objects.requireNonNull(priceBand, "priceBand");
    }

    /** A context without price constraint. */
    public RecallContext(String userId, List<RecentItem> history, Optional<String> anchorItemId,
            Map<String, Double> categoryAffinity, Map<String, Double> brandAffinity, Set<String> exclude,
            Instant now) {
        this(userId, history, anchorItemId, categoryAffinity, brandAffinity, exclude, now, PriceBand.ANY);
    }
}
