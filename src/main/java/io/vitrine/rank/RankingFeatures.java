package io.vitrine.rank;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.codec.digest.DigestUtils;

import io.vitrine.catalog.Item;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.UserFeatures;
import io.vitrine.recall.Candidate;
import io.vitrine.recall.SourceNames;

/**
 * The ranking feature vector of a (user, item) pair at a point in time. Changing a feature, its order or its meaning
 * requires a new {@link #SCHEMA_VERSION}: the {@link #schemaHash} of the serving code must equal the one in a model's
 * manifest or the model is refused.
 */
public final class RankingFeatures {
    /** Version of the feature definitions below (2: the candidate's recall evidence). */
    public static final int SCHEMA_VERSION = 2;

    /** Features of the user and the item, in vector order. */
    private static final List<String> PAIR_NAMES = List.of(
            "user.events", "user.impressions", "user.ctr", "user.purchases", "user.hours_since_last",
            "item.ctr", "item.pop_view", "item.pop_click", "item.pop_cart", "item.pop_purchase", "item.impressions",
            "item.age_days", "item.log_price", "item.promoted",
            "match.category_share", "match.brand_share", "match.category_affinity", "match.brand_affinity",
            "match.bought_category", "match.bought_brand", "match.price_ratio", "match.price_z",
            "match.seen_item", "match.bought_item", "item.log_engagements", "item.log_purchases");
    /** Where the recall evidence starts in the vector. */
    private static final int RECALL = PAIR_NAMES.size();
    private static final int SOURCES = SourceNames.ALL.size();

    /**
     * Feature names, in vector order: the pair's features, then the candidate's recall evidence: its position in the
     * merged list, how many sources produced it, and per source its rank (from 1), its score relative to the source's
     * best for the request, and its score as the source gave it; -1 where a source did not produce it (or, training
     * without recall, everywhere).
     */
    public static final List<String> NAMES = names();

    /** Cap of the recency feature, so unseen extremes fall into the last tree bucket. */
    private static final double MAX_HOURS = 24 * 30;

    private RankingFeatures() {
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(PAIR_NAMES);
        names.add("recall.merged_rank");
        names.add("recall.source_count");
        for (String source : SourceNames.ALL) {
            names.add("recall." + source + ".rank");
            names.add("recall." + source + ".score");
            names.add("recall." + source + ".raw");
        }
        return List.copyOf(names);
    }

    /** The vector for one pair without recall evidence; {@code now} is the time of the request or the example. */
    public static double[] vector(UserFeatures user, ItemFeatures item, Instant now) {
        return forUser(user, now).vector(item, null);
    }

    /**
     * The vectors of one user's candidates at {@code now}: what depends on the user alone (user features, affinity
     * totals, the sets of seen and bought items) is computed here once, and {@link ForUser#vector} adds each item. The
     * only definition of the features: {@link #vector} goes through it too.
     */
    public static ForUser forUser(UserFeatures user, Instant now) {
        return new ForUser(user, now);
    }

    /** The user's part of the vectors of a request. */
    public static final class ForUser {
        private final UserFeatures user;
        private final double[] userPart = new double[5];
        private final double categoryTotal;
        private final double brandTotal;
        private final Set<String> interacted;
        private final Set<String> purchased;
        private final boolean priced;
        private final double meanPrice;
        private final double priceScale;
        /** The row {@link #fill} computes in doubles before storing it as floats. */
        private double[] row;

        private ForUser(UserFeatures user, Instant now) {
            this.user = user;
            long impressions = user.count(EventType.IMPRESSION);
            long clicks = user.count(EventType.CLICK);
            long events = 0;
            for (Map.Entry<EventType, Long> e : user.counts().entrySet()) {
                if (e.getKey() != EventType.IMPRESSION && e.getKey() != EventType.SEARCH) {
                    events += e.getValue();
                }
            }
            userPart[0] = Math.log1p(events);
            userPart[1] = Math.log1p(impressions);
            userPart[2] = (clicks + 1.0) / (impressions + 20.0);
            userPart[3] = Math.log1p(user.count(EventType.PURCHASE));
            userPart[4] = user.lastActivity()
                    .map(last -> Math.min(MAX_HOURS, Math.max(0, Duration.between(last, now).toMinutes() / 60.0)))
                    .orElse(MAX_HOURS);
            categoryTotal = total(user.categoryAffinity());
            brandTotal = total(user.brandAffinity());
            interacted = ids(user.interacted());
            purchased = ids(user.purchased());
            priced = user.purchaseCount() > 0 && user.meanPurchasePrice() > 0;
            meanPrice = user.meanPurchasePrice();
            priceScale = user.purchasePriceStd() + 0.1 * user.meanPurchasePrice() + 1;
        }

        /**
         * The vector of this user and {@code item}, recalled as {@code candidate} (null when the example was not
         * recalled: the recall evidence is then absent).
         */
        public double[] vector(ItemFeatures item, Candidate candidate) {
            double[] v = new double[NAMES.size()];
            fill(item, candidate, v);
            return v;
        }

        /** Writes the vector of this user and {@code item} into row {@code row} of {@code matrix}. */
        public void fill(ItemFeatures item, Candidate candidate, FeatureMatrix matrix, int row) {
            if (matrix.width() != NAMES.size() || row < 0 || row >= matrix.rows()) {
                throw new IllegalArgumentException("row " + row + " of a " + matrix + " is not a ranking vector");
            }
            if (this.row == null) {
                this.row = new double[NAMES.size()];
            }
            fill(item, candidate, this.row);
            float[] out = matrix.values();
            int o = row * matrix.width();
            for (int f = 0; f < this.row.length; f++) {
                out[o + f] = (float) this.row[f];
            }
        }

        private void fill(ItemFeatures item, Candidate candidate, double[] v) {
            System.arraycopy(userPart, 0, v, 0, userPart.length);
            // The item's own numbers come computed once per item snapshot (ItemFeatures.STATISTICS order).
            double[] statistics = item.statistics();
            System.arraycopy(statistics, 0, v, 5, 9);
            v[24] = statistics[9];
            v[25] = statistics[10];
            Item catalog = item.item().orElse(null);
            Double price = catalog == null ? null : catalog.price();

            String category = catalog == null ? null : catalog.category();
            String brand = catalog == null ? null : catalog.brand();
            v[14] = share(user.categoryAffinity(), categoryTotal, category);
            v[15] = share(user.brandAffinity(), brandTotal, brand);
            v[16] = Math.log1p(get(user.categoryAffinity(), category));
            v[17] = Math.log1p(get(user.brandAffinity(), brand));
            v[18] = get(user.purchaseCategoryAffinity(), category);
            v[19] = get(user.purchaseBrandAffinity(), brand);
            boolean pricedPair = price != null && priced;
            v[20] = pricedPair ? price / meanPrice : 0;
            v[21] = pricedPair ? (price - meanPrice) / priceScale : 0;
            v[22] = interacted.contains(item.itemId()) ? 1 : 0;
            v[23] = purchased.contains(item.itemId()) ? 1 : 0;
            if (candidate == null) {
                Arrays.fill(v, RECALL, v.length, -1);
            } else {
                v[RECALL] = candidate.mergedRank();
                v[RECALL + 1] = candidate.sources().size();
                for (int s = 0; s < SOURCES; s++) {
                    boolean produced = candidate.sourceRanks()[s] > 0;
                    v[RECALL + 2 + 3 * s] = produced ? candidate.sourceRanks()[s] : -1;
                    v[RECALL + 3 + 3 * s] = produced ? candidate.sourceScores()[s] : -1;
                    v[RECALL + 4 + 3 * s] = produced ? candidate.rawScores()[s] : -1;
                }
            }
        }

        private static double total(Map<String, Double> affinity) {
            double total = 0;
            for (double value : affinity.values()) {
                total += value;
            }
            return total;
        }

        private static Set<String> ids(List<RecentItem> items) {
            Set<String> ids = new HashSet<>(Math.max(4, items.size() * 2));
            for (RecentItem r : items) {
                ids.add(r.itemId());
            }
            return ids;
        }

        private static double share(Map<String, Double> affinity, double total, String key) {
            if (key == null || affinity.isEmpty()) {
                return 0;
            }
            return total <= 0 ? 0 : get(affinity, key) / total;
        }
    }

    /**
     * A digest of the schema: version, names, and the feature settings that change values (half-lives, priors).
     */
    public static String schemaHash(FeatureSettings settings) {
        String description = SCHEMA_VERSION + "|" + String.join(",", NAMES) + "|" + settings.recentItemsCap() + "|"
                + settings.affinityHalfLife() + "|" + settings.popularityHalfLife() + "|"
                + settings.trendingHalfLife() + "|" + settings.ctrPriorImpressions() + "|" + settings.ctrPriorMean();
        return DigestUtils.sha256Hex(description);
    }

    /** The value of a key, 0 when absent or the key is null (without boxing the default, on the request path). */
    private static <K> double get(Map<K, Double> map, K key) {
        Double value = key == null ? null : map.get(key);
        return value == null ? 0 : value;
    }
}
