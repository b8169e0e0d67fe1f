package io.vitrine.rerank;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Multiplies the scores of some items and re-sorts: {@link #freshness} lifts new items (linearly fading over the
 * window), {@link #promotion} lifts promoted ones. Scores are probabilities or recall scores, both positive, so a
 * factor keeps their meaning.
 */
public final class BoostRule implements RerankRule {
    private final String name;
    private final ToDoubleFunction<RankedItem> factor;

    private BoostRule(String name, ToDoubleFunction<RankedItem> factor) {
        this.name = name;
        this.factor = factor;
    }

    /**
     * Items listed less than {@code days} ago get up to {@code 1 + boost} times their score (a brand-new item the full
     * boost, one {@code days} old none).
     */
    public static BoostRule freshness(double days, double boost) {
        return new BoostRule("freshness", item -> item.ageDays() >= 0 && item.ageDays() < days
                ? 1 + boost * (1 - item.ageDays() / days)
                : 1);
    }

    /** Promoted items get {@code 1 + boost} times their score. */
    public static BoostRule promotion(double boost) {
        return new BoostRule("promotion", item -> item.promoted() ? 1 + boost : 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<RankedItem> apply(List<RankedItem> ranked, long seed) {
        List<RankedItem> out = new ArrayList<>(ranked.size());
        for (RankedItem item : ranked) {
            double f = factor.applyAsDouble(item);
            out.add(f == 1 ? item : item.rescored(item.score() * f, name));
        }
        out.sort(RankedItem.BY_SCORE);
        return out;
    }
}
