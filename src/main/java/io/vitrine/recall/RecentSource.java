package io.vitrine.recall;

import java.time.Duration;
import java.util.List;

import io.vitrine.feature.RecentItem;
import io.vitrine.feature.ScoredItem;

/**
 * The user's own recent items, to come back to: what they viewed, clicked or carted lately and did not buy within the
 * purchased window (those are excluded by the request). Shoppers return to items they looked at (Gorse's "replacement"
 * of read items does the same); the ranker decides how high. Scored by recency, {@code 2^(-age / halfLife)}, or 1 for
 * every item with a zero half-life.
 */
public final class RecentSource implements RecallSource {
    private final int maxItems;
    private final double halfLifeMillis;

    /**
     * @param maxItems most recent history items considered
     * @param halfLife recency half-life of the score
     */
    public RecentSource(int maxItems, Duration halfLife) {
        if (halfLife.isNegative() || maxItems < 1) {
            throw new IllegalArgumentException("halfLife must not be negative and maxItems at least 1");
        }
        this.maxItems = maxItems;
        this.halfLifeMillis = halfLife.toMillis();
    }

    @Override
    public String name() {
        return "recent";
    }

    @Override
    public List<ScoredItem> recall(RecallContext context, int limit) {
        long now = context.now().toEpochMilli();
        try (Scores scores = Scores.borrow(Math.min(maxItems, context.history().size()) + 1)) {
            int seen = 0;
            for (RecentItem item : context.history()) {
                if (seen++ >= maxItems) {
                    break;
                }
                if (!context.exclude().contains(item.itemId())) {
                    double age = Math.max(0, now - item.atMillis());
                    scores.put(item.itemId(), halfLifeMillis == 0 ? 1 : Math.pow(2, -age / halfLifeMillis));
                }
            }
            return scores.top(limit);
        }
    }
}
