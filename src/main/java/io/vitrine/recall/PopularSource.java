package io.vitrine.recall;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import io.vitrine.feature.ScoredItem;

/**
 * Popular items: the global list, blended with the lists of the user's favourite categories in proportion to the user's
 * interest in them (a cold user gets the global list). Scores of each list are normalised by its top score so lists of
 * different sizes mix fairly.
 */
public final class PopularSource implements RecallSource {
    /** Categories of the user blended in. */
    static final int TOP_CATEGORIES = 3;

    private final BiFunction<Optional<String>, Integer, List<ScoredItem>> lists;

    /** @param lists the popularity list of a category (empty: global), at most the given length */
    public PopularSource(BiFunction<Optional<String>, Integer, List<ScoredItem>> lists) {
        this.lists = lists;
    }

    @Override
    public String name() {
        return "popular";
    }

    @Override
    public List<ScoredItem> recall(RecallContext context, int limit) {
        int fetch = limit + context.exclude().size();
        try (Scores scores = Scores.borrow(fetch * 2)) {
            add(scores, lists.apply(Optional.empty(), fetch), 1.0, context);
            Favourites.top(context.categoryAffinity(), TOP_CATEGORIES)
                    .forEach((category, share) -> add(scores,
                            lists.apply(Optional.of(category), fetch), 2 * share, context));
            return scores.top(limit);
        }
    }

    /** Adds a list, normalised by its top score, with a weight; skips excluded items. */
    static void add(Scores scores, List<ScoredItem> list, double weight, RecallContext context) {
        if (list.isEmpty() || list.get(0).score() <= 0) {
            return;
        }
        double max = list.get(0).score();
        for (ScoredItem item : list) {
            if (!context.exclude().contains(item.itemId())) {
                scores.add(item.itemId(), weight * item.score() / max);
            }
        }
    }
}
