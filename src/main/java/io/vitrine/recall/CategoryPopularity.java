package io.vitrine.recall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.vitrine.feature.ScoredItem;

/**
 * Builds the popular-items lists, overall and per category, from a stream of interactions (in any order).
 *
 * <p>
 * An item's score is its time-decayed weight as of the last interaction T of the data:
 *
 * <pre>
 * score(i) = Σ_{interactions of i} w × 2^(-(T - t) / halfLife)
 * </pre>
 *
 * so an interaction one half-life before the end counts half. Because T is only known at the end, weights are stored
 * relative to a landmark L as {@code w × 2^((t - L) / halfLife)} and multiplied by {@code 2^(-(T - L) / halfLife)} when
 * the lists are built; the landmark moves forward (rescaling all stored weights) whenever an interaction is more than
 * 256 half-lives past it, which keeps the stored numbers finite. Memory is one double per distinct item.
 *
 * <p>
 * Categories come from {@code categoryOf} (for example the catalog), asked once per item when the lists are built;
 * items it maps to {@code null} appear only in the global list. Not thread-safe.
 */
public final class CategoryPopularity {
    private static final double MAX_HALF_LIVES_PAST_LANDMARK = 256;

    private final Duration halfLife;
    private final double halfLifeMillis;
    private final int topN;
    private final Function<String, String> categoryOf;
    private final IdIndex items = new IdIndex();
    private double[] mass = new double[256];
    private boolean empty = true;
    private long landmark;
    private long latest = Long.MIN_VALUE;

    /**
     * @param halfLife time for an interaction's weight to halve; positive
     * @param topN items kept per list; at least 1
     * @param categoryOf an item's category, or {@code null} if it has none
     */
    public CategoryPopularity(Duration halfLife, int topN, Function<String, String> categoryOf) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("halfLife must be positive");
        }
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be at least 1");
        }
        this.halfLife = halfLife;
        this.halfLifeMillis = halfLife.toNanos() / 1e6;
        this.topN = topN;
        this.categoryOf = Objects.requireNonNull(categoryOf, "categoryOf");
    }

    public void accept(Interaction interaction) {
        long at = interaction.atMillis();
        if (empty) {
            landmark = at;
            empty = false;
        } else if ((at - landmark) / halfLifeMillis > MAX_HALF_LIVES_PAST_LANDMARK) {
            double factor = Math.pow(2, -(at - landmark) / halfLifeMillis);
            for (int i = 0; i < items.size(); i++) {
                mass[i] *= factor;
            }
            landmark = at;
        }
        int item = items.intern(interaction.itemId());
        if (item == mass.length) {
            mass = Arrays.copyOf(mass, mass.length * 2);
        }
        mass[item] += interaction.weight() * Math.pow(2, (at - landmark) / halfLifeMillis);
        latest = Math.max(latest, at);
    }

    /** The lists as of the latest interaction seen (as of 0 when there was none). */
    public PopularityLists build() {
        long asOf = empty ? 0 : latest;
        double toAsOf = Math.pow(2, -(asOf - landmark) / halfLifeMillis);
        List<ScoredItem> all = new ArrayList<>(items.size());
        Map<String, List<ScoredItem>> byCategory = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            ScoredItem scored = new ScoredItem(items.name(i), mass[i] * toAsOf);
            all.add(scored);
            String category = categoryOf.apply(scored.itemId());
            if (category != null) {
                byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(scored);
            }
        }
        Map<String, List<ScoredItem>> tops = new HashMap<>();
        byCategory.forEach((category, list) -> tops.put(category, top(list)));
        return new PopularityLists(asOf, halfLife, top(all), tops);
    }

    private List<ScoredItem> top(List<ScoredItem> list) {
        list.sort(Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::itemId));
        return list.size() > topN ? List.copyOf(list.subList(0, topN)) : List.copyOf(list);
    }
}
