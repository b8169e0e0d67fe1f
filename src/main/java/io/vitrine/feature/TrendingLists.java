package io.vitrine.feature;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Combines the stored generations of a trending list into scores as of one time. */
public final class TrendingLists {
    private TrendingLists() {
    }

    /** The generations a reader must look at for {@code nowMillis}: current and previous. */
    public static int[] liveGenerations(ForwardDecay decay, long nowMillis) {
        int current = decay.generation(nowMillis);
        return new int[]{current, current - 1};
    }

    /**
     * Merges per-generation top lists (raw stored scores) into the top {@code limit} as of {@code nowMillis}.
     *
     * @param perGeneration generation number to its stored entries
     */
    public static List<ScoredItem> merge(ForwardDecay decay, long nowMillis,
            Map<Integer, List<ScoredItem>> perGeneration,
            int limit) {
        Map<String, Double> scores = new HashMap<>();
        perGeneration.forEach((generation, entries) -> {
            for (ScoredItem e : entries) {
                scores.merge(e.itemId(), decay.valueAt(e.score(), generation, nowMillis), Double::sum);
            }
        });
        List<ScoredItem> out = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> out.add(new ScoredItem(id, score)));
        out.sort(Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::itemId));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }
}
