package io.vitrine.recall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import io.vitrine.catalog.Item;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.ItemLookup;
import io.vitrine.feature.ScoredItem;

/**
 * The best items of the user's favourite categories (top 3) from favoured brands (top 3) and inside the user's price
 * band ({@link RecallContext#priceBand()}). A popular item of a favourite category scores by its normalised popularity
 * times the category's and brand's interest shares; items outside the band or of other brands are left to the other
 * sources.
 */
public final class AffinitySource implements RecallSource {
    /** Items read from each favourite category's popularity list. */
    static final int PER_CATEGORY = 200;

    private final BiFunction<Optional<String>, Integer, List<ScoredItem>> popular;
    private final ItemLookup items;

    /**
     * @param popular the popularity list of a category, at most the given length
     * @param items features of many items at once (cached by the caller)
     */
    public AffinitySource(BiFunction<Optional<String>, Integer, List<ScoredItem>> popular,
            ItemLookup items) {
        this.popular = popular;
        this.items = items;
    }

    @Override
    public String name() {
        return "affinity";
    }

    @Override
    public List<ScoredItem> recall(RecallContext context, int limit) {
        Map<String, Double> categories = Favourites.top(context.categoryAffinity(), 3);
        Map<String, Double> brands = Favourites.top(context.brandAffinity(), 3);
        if (categories.isEmpty() || brands.isEmpty()) {
            return List.of();
        }
        try (Scores candidates = Scores.borrow(PER_CATEGORY * categories.size());
                Scores scores = Scores.borrow(PER_CATEGORY * categories.size())) {
            categories.forEach((category, share) -> {
                List<ScoredItem> list = popular.apply(Optional.of(category), PER_CATEGORY);
                double max = list.isEmpty() ? 1 : Math.max(1e-12, list.get(0).score());
                for (ScoredItem s : list) {
                    if (!context.exclude().contains(s.itemId())) {
                        candidates.add(s.itemId(), share * s.score() / max);
                    }
                }
            });
            List<String> ids = new ArrayList<>(candidates.size());
            candidates.forEach((id, score) -> ids.add(id));
            Map<String, ItemFeatures> features = items.items(ids, context.now());
            candidates.forEach((id, score) -> {
                Item item = Optional.ofNullable(features.get(id)).flatMap(ItemFeatures::item).orElse(null);
                if (item != null && item.brand() != null && brands.containsKey(item.brand())
                        && context.priceBand().contains(item.price())) {
                    scores.put(id, score * brands.get(item.brand()));
                }
            });
            return scores.top(limit);
        }
    }
}
