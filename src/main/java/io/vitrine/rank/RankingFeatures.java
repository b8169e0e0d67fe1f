package io.vitrine.rank;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.vitrine.catalog.Item;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.UserFeatures;

/**
 * The ranking feature vector of a (user, item) pair at a point in time. Changing a feature, its order or its meaning
 * requires a new {@link #SCHEMA_VERSION}: the {@link #schemaHash} of the serving code must equal the one in a model's
 * manifest or the model is refused.
 */
public final class RankingFeatures {
    /** Version of the feature definitions below. */
    public static final int SCHEMA_VERSION = 1;

    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of(
            "user.events", "user.impressions", "user.ctr", "user.purchases", "user.hours_since_last",
            "item.ctr", "item.pop_view", "item.pop_click", "item.pop_cart", "item.pop_purchase", "item.impressions",
            "item.age_days", "item.log_price", "item.promoted",
            "match.category_share", "match.brand_share", "match.category_affinity", "match.brand_affinity",
            "match.bought_category", "match.bought_brand", "match.price_ratio", "match.price_z",
            "match.seen_item", "match.bought_item");

    /** Cap of recency and age features, so unseen extremes fall into the last tree bucket. */
    private static final double MAX_HOURS = 24 * 30;
    private static final double MAX_AGE_DAYS = 3650;

    private RankingFeatures() {
    }

    /** The vector for one pair; {@code now} is the time of the request (or of the training example). */
    public static double[] vector(UserFeatures user, ItemFeatures item, Instant now) {
        double[] v = new double[NAMES.size()];
        long impressions = user.count(EventType.IMPRESSION);
        long clicks = user.count(EventType.CLICK);
        long events = 0;
        for (Map.Entry<EventType, Long> e : user.counts().entrySet()) {
            if (e.getKey() != EventType.IMPRESSION && e.getKey() != EventType.SEARCH) {
                events += e.getValue();
            }
        }
        v[0] = Math.log1p(events);
        v[1] = Math.log1p(impressions);
        v[2] = (clicks + 1.0) / (impressions + 20.0);
        v[3] = Math.log1p(user.count(EventType.PURCHASE));
        v[4] = user.lastActivity()
                .map(last -> Math.min(MAX_HOURS, Math.max(0, Duration.between(last, now).toMinutes() / 60.0)))
                .orElse(MAX_HOURS);

        v[5] = item.smoothedCtr();
        v[6] = Math.log1p(item.popularity().getOrDefault(EventType.VIEW, 0.0));
        v[7] = Math.log1p(item.popularity().getOrDefault(EventType.CLICK, 0.0));
        v[8] = Math.log1p(item.popularity().getOrDefault(EventType.ADD_TO_CART, 0.0));
        v[9] = Math.log1p(item.popularity().getOrDefault(EventType.PURCHASE, 0.0));
        v[10] = Math.log1p(item.count(EventType.IMPRESSION));
        v[11] = item.age().map(a -> Math.min(MAX_AGE_DAYS, Math.max(0, a.toHours() / 24.0))).orElse(-1.0);
        Item catalog = item.item().orElse(null);
        Double price = catalog == null ? null : catalog.price();
        v[12] = price == null ? -1 : Math.log1p(price);
        v[13] = catalog != null && catalog.promoted() ? 1 : 0;

        String category = catalog == null ? null : catalog.category();
        String brand = catalog == null ? null : catalog.brand();
        v[14] = share(user.categoryAffinity(), category);
        v[15] = share(user.brandAffinity(), brand);
        v[16] = Math.log1p(get(user.categoryAffinity(), category));
        v[17] = Math.log1p(get(user.brandAffinity(), brand));
        v[18] = get(user.purchaseCategoryAffinity(), category);
        v[19] = get(user.purchaseBrandAffinity(), brand);
        boolean priced = price != null && user.purchaseCount() > 0 && user.meanPurchasePrice() > 0;
        v[20] = priced ? price / user.meanPurchasePrice() : 0;
        v[21] = priced
                ? (price - user.meanPurchasePrice())
                        / (user.purchasePriceStd() + 0.1 * user.meanPurchasePrice() + 1)
                : 0;
        v[22] = contains(user.interacted(), item.itemId()) ? 1 : 0;
        v[23] = contains(user.purchased(), item.itemId()) ? 1 : 0;
        return v;
    }

    /**
     * A digest of the schema: version, names, and the feature settings that change values (half-lives, priors).
     */
    public static String schemaHash(FeatureSettings settings) {
        String description = SCHEMA_VERSION + "|" + String.join(",", NAMES) + "|" + settings.recentItemsCap() + "|"
                + settings.affinityHalfLife() + "|" + settings.popularityHalfLife() + "|"
                + settings.trendingHalfLife() + "|" + settings.ctrPriorImpressions() + "|" + settings.ctrPriorMean();
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(description.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static double share(Map<String, Double> affinity, String key) {
        if (key == null || affinity.isEmpty()) {
            return 0;
        }
        double total = 0;
        for (double value : affinity.values()) {
            total += value;
        }
        return total <= 0 ? 0 : affinity.getOrDefault(key, 0.0) / total;
    }

    private static double get(Map<String, Double> map, String key) {
        return key == null ? 0 : map.getOrDefault(key, 0.0);
    }

    private static boolean contains(List<RecentItem> items, String itemId) {
        for (RecentItem r : items) {
            if (r.itemId().equals(itemId)) {
                return true;
            }
        }
        return false;
    }
}
