package io.vitrine.recall;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.vitrine.feature.RecentItem;
import io.vitrine.feature.ScoredItem;

/**
 * Item-to-item recall: neighbours of the user's recent items and of the anchor item, each seed weighted by recency
 * ({@code 2^(-age / halfLife)}, or 1 for every seed with a zero half-life; the anchor counts as a fresh seed of double
 * weight). A candidate's score is the weighted sum of its similarities to the seeds. Used for co-occurrence
 * ({@code item_cf}), embedding ({@code embedding}) and EASE ({@code ease}) neighbour tables alike; for EASE, whose
 * score is the plain sum over the user's history, without decay.
 */
public final class NeighbourSource implements RecallSource {
    private final String name;
    private final Function<Collection<String>, Map<String, List<ScoredItem>>> neighbours;
    private final int maxSeeds;
    private final double halfLifeMillis;

    /**
     * @param name the source name
     * @param neighbours looks up the neighbour lists of many items at once (one round trip)
     * @param maxSeeds most recent history items used as seeds
     * @param halfLife recency half-life of seed weights; {@link java.time.Duration#ZERO} weighs every seed 1
     */
    public NeighbourSource(String name, Function<Collection<String>, Map<String, List<ScoredItem>>> neighbours,
            int maxSeeds, java.time.Duration halfLife) {
        this.name = name;
        this.neighbours = neighbours;
        this.maxSeeds = maxSeeds;
        if (halfLife.isNegative()) {
            throw new IllegalArgumentException("halfLife must not be negative");
        }
        this.halfLifeMillis = halfLife.toMillis();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ScoredItem> recall(RecallContext context, int limit) {
        Map<String, Double> seeds = new LinkedHashMap<>();
        context.anchorItemId().ifPresent(anchor -> seeds.put(anchor, 2.0));
        long now = context.now().toEpochMilli();
        for (RecentItem item : context.history()) {
            if (seeds.size() >= maxSeeds + (context.anchorItemId().isPresent() ? 1 : 0)) {
                break;
            }
            double age = Math.max(0, now - item.atMillis());
            seeds.merge(item.itemId(), halfLifeMillis == 0 ? 1 : Math.pow(2, -age / halfLifeMillis), Math::max);
        }
        if (seeds.isEmpty()) {
            return List.of();
        }
        Map<String, List<ScoredItem>> lists = neighbours.apply(seeds.keySet());
        Scores scores = new Scores(limit * 2);
        seeds.forEach((seed, weight) -> {
            for (ScoredItem n : lists.getOrDefault(seed, List.of())) {
                if (!context.exclude().contains(n.itemId()) && !seeds.containsKey(n.itemId())) {
                    scores.add(n.itemId(), weight * n.score());
                }
            }
        });
        return scores.top(limit);
    }
}
