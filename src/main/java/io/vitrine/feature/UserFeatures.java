package io.vitrine.feature;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vitrine.catalog.CatalogFields;
import io.vitrine.catalog.UserProfile;
import io.vitrine.event.EventType;

/**
 * A user's features as of a point in time.
 *
 * @param userId the user
 * @param counts events per type (all time)
 * @param categoryAffinity decayed interest per category
 * @param brandAffinity decayed interest per brand
 * @param purchaseCategoryAffinity decayed purchases per category
 * @param purchaseBrandAffinity decayed purchases per brand
 * @param interacted recent interactions, most recent first
 * @param purchased recent purchases, most recent first
 * @param purchaseCount purchases with a known price
 * @param meanPurchasePrice mean unit price of those purchases (0 when none)
 * @param purchasePriceStd standard deviation of those prices (0 with fewer than two)
 * @param lastActivity time of the latest event, if any
 * @param device the device of the latest event that named one, else the profile's device; may be null
 * @param profile the imported profile, if any
 */
public record UserFeatures(String userId, Map<EventType, Long> counts, Map<String, Double> categoryAffinity,
        Map<String, Double> brandAffinity, Map<String, Double> purchaseCategoryAffinity,
        Map<String, Double> purchaseBrandAffinity, List<RecentItem> interacted, List<RecentItem> purchased,
        long purchaseCount, double meanPurchasePrice, double purchasePriceStd, Optional<Instant> lastActivity,
        String device, Optional<UserProfile> profile) {

    /** Interprets stored state as of {@code now}. */
    public static UserFeatures of(UserState state, Instant now, FeatureSettings settings) {
        Map<String, String> f = state.fields();
        long nowMillis = now.toEpochMilli();
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            long n = (long) parse(f.get(FeatureFields.count(type)));
            if (n > 0) {
                counts.put(type, n);
            }
        }
        long n = (long) parse(f.get(FeatureFields.PURCHASE_PRICE_N));
        double mean = 0;
        double std = 0;
        if (n > 0) {
            mean = parse(f.get(FeatureFields.PURCHASE_PRICE_SUM)) / n;
            if (n > 1) {
                double variance = (parse(f.get(FeatureFields.PURCHASE_PRICE_SUM_SQ)) - n * mean * mean) / (n - 1);
                std = Math.sqrt(Math.max(0, variance));
            }
        }
        String last = f.get(FeatureFields.LAST_ACTIVITY);
        Optional<UserProfile> profile = CatalogFields.userFromFields(state.userId(), f);
        String device = f.get(FeatureFields.DEVICE);
        if (device == null) {
            device = profile.map(UserProfile::device).orElse(null);
        }
        return new UserFeatures(state.userId(), counts,
                DecayedFields.read(f, FeatureFields.CATEGORY, settings.affinityDecay(), nowMillis),
                DecayedFields.read(f, FeatureFields.BRAND, settings.affinityDecay(), nowMillis),
                DecayedFields.read(f, FeatureFields.PURCHASE_CATEGORY, settings.affinityDecay(), nowMillis),
                DecayedFields.read(f, FeatureFields.PURCHASE_BRAND, settings.affinityDecay(), nowMillis),
                state.interacted(), state.purchased(), n, mean, std,
                last == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli((long) parse(last))),
                device, profile);
    }

    /** Events of a type. */
    public long count(EventType type) {
        return counts.getOrDefault(type, 0L);
    }

    private static double parse(String s) {
        return s == null || s.isEmpty() ? 0 : Double.parseDouble(s);
    }
}
