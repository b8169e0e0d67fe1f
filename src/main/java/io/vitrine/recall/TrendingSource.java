package io.vitrine.recall;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vitrine.feature.FeatureFields;
import io.vitrine.feature.FeatureStore;
import io.vitrine.feature.ScoredItem;

/**
 * Live popularity from the online trending lists (decayed interest, updated by every feedback call): the global list
 * blended with the lists of the user's favourite categories, each list normalised by its top score.
 */
public final class TrendingSource implements RecallSource {
    private final FeatureStore features;

    public TrendingSource(FeatureStore features) {
        this.features = features;
    }

    @Override
    public String name() {
        return "trending";
    }

    @Override
    public List<ScoredItem> recall(RecallContext context, int limit) {
        Map<String, Double> scores = new HashMap<>();
        int fetch = limit + context.exclude().size();
        PopularSource.add(scores, features.trending(FeatureFields.TREND_GLOBAL, fetch, context.now()), 1.0, context);
        double total = context.categoryAffinity().values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 0) {
            context.categoryAffinity()
                    .entrySet()
                    .stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(PopularSource.TOP_CATEGORIES)
                    .forEach(e -> PopularSource.add(scores,
                            features.trending(FeatureFields.trendScope(e.getKey()), fetch,
                                    context.now()),
                            2 * e.getValue() / total, context));
        }
        return NeighbourSource.top(scores, limit);
    }
}
