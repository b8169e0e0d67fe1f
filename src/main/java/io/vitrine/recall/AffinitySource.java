package io.vitrine.recall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.vitrine.catalog.Item;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.ScoredItem;

/**
 * The best items of the user's favourite categories (top 3) from favoured brands (top 3) and inside the user's price
 * band (mean purchase price ± 1.5 standard deviations, at least ± 30%; any price for users without purchases). A
 * popular item of a favourite category scores by its normalised popularity times the category's and brand's interest
 * shares; items outside the band or of other brands are left to the other sources.
 */
public final class AffinitySource implements RecallSource {
    /** Items read from each favourite category's popularity list. */
    static final int PER_CATEGORY = 200;

    private final BiFunction<Optional<String>, Integer, List<ScoredItem>> popular;
    private final Function<Collection<String>, Map<String, ItemFeatures>> items;
    private final PriceBand band;

    /**
     * @param popular the popularity list of a category, at most the given length
     * @param items features of many items at once (cached by the caller)
     * @param band the user's price band
     */
    public AffinitySource(BiFunction<Optional<String>, Integer, List<ScoredItem>> popular,
            Function<Collection<String>, Map<String, ItemFeatures>> items, PriceBand band) {
        this.popular = popular;
        this.items = items;
        this.band = band;
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
        Scores candidates = new Scores(PER_CATEGORY * categories.size());
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
        Map<String, ItemFeatures> features = items.apply(ids);
        Scores scores = new Scores(candidates.size());
        candidates.forEach((id, score) -> {
            Item item = Optional.ofNullable(features.get(id)).flatMap(ItemFeatures::item).orElse(null);
            if (item != null && item.brand() != null && brands.containsKey(item.brand())
                    && band.contains(item.price())) {
                scores.put(id, score * brands.get(item.brand()));
            }
        });
        return scores.top(limit);
    }

    /**
     * The prices a user buys at.
     *
     * @param low lowest price in the band
     * @param high highest price in the band
     */
    public record PriceBand(double low, double high) {
        /** No constraint (a user without purchases). */
        public static final PriceBand ANY = new PriceBand(0, Double.MAX_VALUE);

        /** Mean ± max(1.5 standard deviations, 30% of the mean); {@link #ANY} without purchases. */
        public static PriceBand of(long purchases, double mean, double std) {
            if (purchases == 0 || mean <= 0) {
                return ANY;
            }
            double half = Math.max(1.5 * std, 0.3 * mean);
            return new PriceBand(Math.max(0, mean - half), mean + half);
        }

        /** Whether a price is inside; unknown prices are. */
        public boolean contains(Double price) {
            return price == null || (price >= low && price <= high);
        }
    }
}
