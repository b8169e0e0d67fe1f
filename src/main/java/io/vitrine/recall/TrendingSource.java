package io.vitrine.recall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vitrine.feature.FeatureFields;
import io.vitrine.feature.ScoredItem;

/**
 * Live popularity from the online trending lists (decayed interest, updated by every feedback call): the global list
 * blended with the lists of the user's favourite categories, each list normalised by its top score.
 */
public final class TrendingSource implements RecallSource {
    private final Lookup lists;

    /** @param lists reads several trending lists at once (a feature store, or a cache in front of it) */
    public TrendingSource(Lookup lists) {
        this.lists = lists;
    }

    /** Reads the tops of several trending lists in one round trip. */
    @FunctionalInterface
    public interface Lookup {
        Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, java.time.Instant now);
    }

    @Override
    public String name() {
        return "trending";
    }

    @Override
    public List<ScoredItem> recall(RecallContext context, int limit) {
        int fetch = limit + context.exclude().size();
        Map<String, Double> favourites = Favourites.top(context.categoryAffinity(), PopularSource.TOP_CATEGORIES);
        List<String> scopes = new ArrayList<>();
        scopes.add(FeatureFields.TREND_GLOBAL);
        favourites.keySet().forEach(category -> scopes.add(FeatureFields.trendScope(category)));
        Map<String, List<ScoredItem>> lists = this.lists.trending(scopes, fetch, context.now());
        try (Scores scores = Scores.borrow(fetch * 2)) {
            PopularSource.add(scores, lists.get(FeatureFields.TREND_GLOBAL), 1.0, context);
            favourites.forEach((category, share) -> PopularSource.add(scores,
                    lists.get(FeatureFields.trendScope(category)), 2 * share, context));
            return scores.top(limit);
        }
    }
}
