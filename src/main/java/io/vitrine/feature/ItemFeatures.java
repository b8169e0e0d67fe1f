package io.vitrine.feature;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.vitrine.catalog.CatalogFields;
import io.vitrine.catalog.Item;
import io.vitrine.event.EventType;

/**
 * An item's features as of a point in time. Immutable; serving keeps one per item for a few seconds and ranks many
 * requests' candidates with it, so what the ranking vector takes from the item alone is computed once, with the
 * snapshot ({@link #statistics()}).
 */
public final class ItemFeatures {
    /** Names of {@link #statistics()}, in order (the ranking vector's {@code item.*} features). */
    public static final List<String> STATISTICS = List.of("ctr", "pop_view", "pop_click", "pop_cart", "pop_purchase",
            "impressions", "age_days", "log_price", "promoted", "log_engagements", "log_purchases");
    /** Cap of the age feature, so unseen extremes fall into the last tree bucket. */
    private static final double MAX_AGE_DAYS = 3650;

    private final String itemId;
    private final Optional<Item> item;
    private final Map<EventType, Double> popularity;
    private final Map<EventType, Long> counts;
    private final double smoothedCtr;
    private final Optional<Duration> age;
    /** Computed with the snapshot, so the final field publishes it whole to every thread that reads the cache. */
    private final double[] statistics;

    /**
     * @param itemId the item
     * @param item its catalog entry; empty when the item was never imported
     * @param popularity decayed events per type
     * @param counts events per type (all time)
     * @param smoothedCtr clicks over impressions, pulled towards the prior for items with few impressions
     * @param age time since {@code createdAt}; empty when unknown
     */
    public ItemFeatures(String itemId, Optional<Item> item, Map<EventType, Double> popularity,
            Map<EventType, Long> counts, double smoothedCtr, Optional<Duration> age) {
        this.itemId = itemId;
        this.item = item;
        this.popularity = popularity;
        this.counts = counts;
        this.smoothedCtr = smoothedCtr;
        this.age = age;
        this.statistics = computeStatistics();
    }

    /** Interprets stored state as of {@code now}. */
    public static ItemFeatures of(ItemState state, Instant now, FeatureSettings settings) {
        Map<String, String> f = state.fields();
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            String n = f.get(FeatureFields.count(type));
            if (n != null) {
                counts.put(type, (long) Double.parseDouble(n));
            }
        }
        Map<EventType, Double> popularity = new EnumMap<>(EventType.class);
        DecayedFields.read(f, FeatureFields.POPULARITY, settings.popularityDecay(), now.toEpochMilli())
                .forEach((type, value) -> EventType.fromWireName(type).ifPresent(t -> popularity.put(t, value)));
        long impressions = counts.getOrDefault(EventType.IMPRESSION, 0L);
        long clicks = counts.getOrDefault(EventType.CLICK, 0L);
        double ctr = (clicks + settings.ctrPriorMean() * settings.ctrPriorImpressions())
                / (impressions + settings.ctrPriorImpressions());
        Optional<Item> item = CatalogFields.itemFromFields(f);
        Optional<Duration> age = item.map(Item::createdAt).map(created -> Duration.between(created, now));
        return new ItemFeatures(state.itemId(), item, popularity, counts, ctr, age);
    }

    public String itemId() {
        return itemId;
    }

    public Optional<Item> item() {
        return item;
    }

    public Map<EventType, Double> popularity() {
        return popularity;
    }

    public Map<EventType, Long> counts() {
        return counts;
    }

    public double smoothedCtr() {
        return smoothedCtr;
    }

    public Optional<Duration> age() {
        return age;
    }

    /** Events of a type. */
    public long count(EventType type) {
        return counts.getOrDefault(type, 0L);
    }

    /**
     * The item's own numbers, in {@link #STATISTICS} order: smoothed CTR; log(1 + decayed views, clicks, carts,
     * purchases); log(1 + impressions); age in days (capped, -1 when unknown); log(1 + price) (-1 when unknown);
     * promoted (1 or 0); log(1 + clicks, carts and purchases of all time); log(1 + purchases of all time). The array is
     * shared: callers copy from it and never write to it.
     */
    public double[] statistics() {
        return statistics;
    }

    private double[] computeStatistics() {
        double[] s = new double[STATISTICS.size()];
        s[0] = smoothedCtr;
        s[1] = Math.log1p(get(popularity, EventType.VIEW));
        s[2] = Math.log1p(get(popularity, EventType.CLICK));
        s[3] = Math.log1p(get(popularity, EventType.ADD_TO_CART));
        s[4] = Math.log1p(get(popularity, EventType.PURCHASE));
        s[5] = Math.log1p(count(EventType.IMPRESSION));
        s[6] = age.isPresent() ? Math.min(MAX_AGE_DAYS, Math.max(0, age.get().toHours() / 24.0)) : -1.0;
        Item catalog = item.orElse(null);
        Double price = catalog == null ? null : catalog.price();
        s[7] = price == null ? -1 : Math.log1p(price);
        s[8] = catalog != null && catalog.promoted() ? 1 : 0;
        // All-time counts beside the decayed popularity: what an item has gathered over its life.
        s[9] = Math.log1p(count(EventType.CLICK) + count(EventType.ADD_TO_CART) + count(EventType.PURCHASE));
        s[10] = Math.log1p(count(EventType.PURCHASE));
        return s;
    }

    private static double get(Map<EventType, Double> map, EventType key) {
        Double value = map.get(key);
        return value == null ? 0 : value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemFeatures other && itemId.equals(other.itemId) && item.equals(other.item)
                && popularity.equals(other.popularity) && counts.equals(other.counts)
                && Double.compare(smoothedCtr, other.smoothedCtr) == 0 && age.equals(other.age);
    }

    @Override
    public int hashCode() {
        return Objects.hash(itemId, item, popularity, counts, smoothedCtr, age);
    }

    @Override
    public String toString() {
        return "ItemFeatures[itemId=" + itemId + ", item=" + item + ", popularity=" + popularity + ", counts=" + counts
                + ", smoothedCtr=" + smoothedCtr + ", age=" + age + "]";
    }
}
