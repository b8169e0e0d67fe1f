package io.vitrine.recommend;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vitrine.feature.FeatureFields;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.ScoredItem;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.port.FeatureStore;
import io.vitrine.rerank.RankedItem;

/**
 * The answer when the stores fail: popular items that were eligible (known, in stock, not blocked) at the last refresh,
 * kept in memory and refreshed at most every {@code fallback-refresh} while the stores answer. An empty list (nothing
 * trending yet, e.g. right after start) is retried on every refresh call.
 */
final class FallbackList {
    /** Items kept. */
    static final int SIZE = 200;
    /** The source and rule every fallback item names. */
    static final String NAME = "fallback";

    private final FeatureStore features;
    private final CachedReads reads;
    private final Duration refresh;
    private volatile List<String> items = List.of();
    private volatile Instant refreshedAt = Instant.MIN;

    FallbackList(FeatureStore features, CachedReads reads, Duration refresh) {
        this.features = features;
        this.reads = reads;
        this.refresh = refresh;
    }

    /** How many items the list holds (0 until the stores answered once). */
    int size() {
        return items.size();
    }

    /** Refreshes now, whatever the interval. */
    void refresh(Instant now) {
        refreshedAt = Instant.MIN;
        refreshIfDue(now);
    }

    /** Refreshes when the interval has passed or the list is empty; store failures propagate. */
    void refreshIfDue(Instant now) {
        if (!items.isEmpty() && now.isBefore(refreshedAt.plus(refresh))) {
            return;
        }
        refreshedAt = now;
        List<ScoredItem> trending = features.trending(FeatureFields.TREND_GLOBAL, SIZE, now);
        Map<String, ItemFeatures> known = reads.items(trending.stream().map(ScoredItem::itemId).toList());
        List<String> eligible = new ArrayList<>();
        for (ScoredItem s : trending) {
            ItemFeatures f = known.get(s.itemId());
            if (f != null && f.item().map(i -> i.inStock() && !i.blocked()).orElse(false)) {
                eligible.add(s.itemId());
            }
        }
        if (!eligible.isEmpty()) {
            items = List.copyOf(eligible);
        }
    }

    /** The list for a request: its first {@code count} items that the request does not exclude. */
    List<RankedItem> answer(RecommendRequest request) {
        List<String> popular = items;
        List<RankedItem> out = new ArrayList<>();
        for (int i = 0; i < popular.size() && out.size() < request.count(); i++) {
            String id = popular.get(i);
            if (!request.exclude().contains(id)) {
                out.add(new RankedItem(id, popular.size() - i, null, null, -1, false, 0, List.of(NAME),
                        List.of(NAME)));
            }
        }
        return out;
    }
}
