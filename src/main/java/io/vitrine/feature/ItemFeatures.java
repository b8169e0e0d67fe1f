package io.vitrine.feature;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.vitrine.catalog.CatalogFields;
import io.vitrine.catalog.Item;
import io.vitrine.event.EventType;

/**
 * An item's features as of a point in time.
 *
 * @param itemId the item
 * @param item its catalog entry; empty when the item was never imported
 * @param popularity decayed events per type
 * @param counts events per type (all time)
 * @param smoothedCtr clicks over impressions, pulled towards the prior for items with few impressions
 * @param age time since {@code createdAt}; empty when unknown
 */
public record ItemFeatures(String itemId, Optional<Item> item, Map<EventType, Double> popularity,
        Map<EventType, Long> counts, double smoothedCtr, Optional<Duration> age) {

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

    /** Events of a type. */
    public long count(EventType type) {
        return counts.getOrDefault(type, 0L);
    }
}
