package io.vitrine.feature;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventType;

/**
 * The one definition of how an event changes the online features. The feedback path applies its output to Redis; the
 * trainer applies it to an in-memory store while replaying history, so served and trained features agree.
 */
public final class FeatureUpdater {
    /**
     * How strongly an event type signals interest, for affinities and trending lists. Impressions and searches carry no
     * item interest (an impression is exposure, not choice).
     */
    public static final Map<EventType, Double> INTEREST_WEIGHT = new EnumMap<>(Map.of(
            EventType.IMPRESSION, 0.0,
            EventType.VIEW, 1.0,
            EventType.CLICK, 2.0,
            EventType.ADD_TO_CART, 4.0,
            EventType.PURCHASE, 8.0,
            EventType.SEARCH, 0.0));

    private final FeatureSettings settings;
    private final ForwardDecay affinity;
    private final ForwardDecay popularity;
    private final ForwardDecay trending;

    public FeatureUpdater(FeatureSettings settings) {
        this.settings = settings;
        this.affinity = settings.affinityDecay();
        this.popularity = settings.popularityDecay();
        this.trending = settings.trendingDecay();
    }

    public FeatureSettings settings() {
        return settings;
    }

    /**
     * The updates one event causes.
     *
     * @param event an accepted event
     * @param item the catalog entry of the event's item, or null when the event has no item or the item is unknown
     *            (then category, brand and price features are not updated)
     */
    public List<FeatureUpdate> updatesFor(Event event, Item item) {
        List<FeatureUpdate> out = new ArrayList<>(16);
        long at = event.timestamp().toEpochMilli();
        EntityRef user = EntityRef.user(event.userId());
        double interest = INTEREST_WEIGHT.get(event.type());

        out.add(new FeatureUpdate.Increment(user, FeatureFields.count(event.type()), 1));
        out.add(new FeatureUpdate.Maximum(user, FeatureFields.LAST_ACTIVITY, at));
        if (event.context().device() != null) {
            out.add(new FeatureUpdate.Put(user, FeatureFields.DEVICE, event.context().device()));
        }
        if (event.itemId() == null) {
            return out;
        }
        EntityRef itemRef = EntityRef.item(event.itemId());
        out.add(new FeatureUpdate.Increment(itemRef, FeatureFields.count(event.type()), 1));
        addDecayed(out, itemRef, popularity, FeatureFields.POPULARITY, event.type().wireName(), 1, at);

        if (interest > 0) {
            out.add(new FeatureUpdate.Remember(event.userId(), RecentList.INTERACTED, event.itemId(), at,
                    settings.recentItemsCap()));
            int generation = trending.generation(at);
            double trend = trending.contribution(interest, at);
            out.add(new FeatureUpdate.Trend(FeatureFields.TREND_GLOBAL, generation, event.itemId(), trend,
                    trending.retention()));
            if (item != null && item.category() != null) {
                out.add(new FeatureUpdate.Trend(FeatureFields.trendScope(item.category()), generation,
                        event.itemId(), trend, trending.retention()));
            }
        }
        if (event.type() == EventType.PURCHASE) {
            out.add(new FeatureUpdate.Remember(event.userId(), RecentList.PURCHASED, event.itemId(), at,
                    settings.recentItemsCap()));
        }
        if (item == null) {
            return out;
        }
        if (interest > 0) {
            if (item.category() != null) {
                addDecayed(out, user, affinity, FeatureFields.CATEGORY, item.category(), interest, at);
            }
            if (item.brand() != null) {
                addDecayed(out, user, affinity, FeatureFields.BRAND, item.brand(), interest, at);
            }
        }
        if (event.type() == EventType.PURCHASE) {
            if (item.category() != null) {
                addDecayed(out, user, affinity, FeatureFields.PURCHASE_CATEGORY, item.category(), 1, at);
            }
            if (item.brand() != null) {
                addDecayed(out, user, affinity, FeatureFields.PURCHASE_BRAND, item.brand(), 1, at);
            }
        }
        if (event.type() == EventType.PURCHASE && item.price() != null) {
            out.add(new FeatureUpdate.Increment(user, FeatureFields.PURCHASE_PRICE_N, 1));
            out.add(new FeatureUpdate.Increment(user, FeatureFields.PURCHASE_PRICE_SUM, item.price()));
            out.add(new FeatureUpdate.Increment(user, FeatureFields.PURCHASE_PRICE_SUM_SQ,
                    item.price() * item.price()));
        }
        return out;
    }

    /** Adds to the current generation's field and drops the field two generations back (no longer read). */
    private static void addDecayed(List<FeatureUpdate> out, EntityRef entity, ForwardDecay decay, String prefix,
            String name, double weight, long at) {
        int generation = decay.generation(at);
        out.add(new FeatureUpdate.Increment(entity, FeatureFields.decayed(prefix, name, generation),
                decay.contribution(weight, at)));
        out.add(new FeatureUpdate.Remove(entity, FeatureFields.decayed(prefix, name, generation - 2)));
    }
}
