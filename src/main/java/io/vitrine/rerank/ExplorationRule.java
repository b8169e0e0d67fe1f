package io.vitrine.rerank;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Epsilon-greedy exploration: with probability {@code epsilon}, one slot of the first {@code window} is given to the
 * least-shown item among the candidates below the window, so cold items collect the impressions the model needs to
 * learn about them. Seeded per request ({@link RerankRule#apply}): the same seed gives the same list (reproducible,
 * debuggable).
 */
public final class ExplorationRule implements RerankRule {
    private final double epsilon;
    private final int window;

    public ExplorationRule(double epsilon, int window) {
        if (epsilon < 0 || epsilon > 1 || window < 1) {
            throw new IllegalArgumentException("epsilon must be in [0, 1] and window at least 1");
        }
        this.epsilon = epsilon;
        this.window = window;
    }

    @Override
    public String name() {
        return "exploration";
    }

    @Override
    public List<RankedItem> apply(List<RankedItem> ranked, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        if (ranked.size() <= window || random.nextDouble() >= epsilon) {
            return ranked;
        }
        int coldest = window;
        for (int i = window + 1; i < ranked.size(); i++) {
            if (ranked.get(i).impressions() < ranked.get(coldest).impressions()) {
                coldest = i;
            }
        }
        List<RankedItem> out = new ArrayList<>(ranked);
        RankedItem explored = out.remove(coldest).movedBy(name());
        out.add(random.nextInt(window), explored);
        return out;
    }
}
