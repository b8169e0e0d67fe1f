package io.vitrine.rerank;

import java.util.Comparator;
import java.util.List;

/**
 * An item in the ranked list.
 *
 * @param itemId the item
 * @param score the model score (or the blended recall score without a model)
 * @param category its category, may be null
 * @param brand its brand, may be null
 * @param ageDays days since it was listed, or -1 when unknown
 * @param promoted whether a promotion applies
 * @param impressions how often it was shown (exploration favours rarely shown items)
 * @param sources the recall sources that produced it
 * @param rules names of the rules that moved it
 */
public record RankedItem(String itemId, double score, String category, String brand, double ageDays,
        boolean promoted, long impressions, List<String> sources, List<String> rules) {

    /** Best score first; ties by id, so equal inputs give equal lists. */
    public static final Comparator<RankedItem> BY_SCORE = (a, b) -> {
        int byScore = Double.compare(b.score, a.score);
        return byScore != 0 ? byScore : a.itemId.compareTo(b.itemId);
    };

    public RankedItem {
        sources = List.copyOf(sources);
        rules = List.copyOf(rules);
    }

    /** This item with a rule added to its history. */
    public RankedItem movedBy(String rule) {
        return new RankedItem(itemId, score, category, brand, ageDays, promoted, impressions, sources,
                with(rules, rule));
    }

    /** This item with a new score, moved by a rule. */
    public RankedItem rescored(double newScore, String rule) {
        return new RankedItem(itemId, newScore, category, brand, ageDays, promoted, impressions, sources,
                with(rules, rule));
    }

    /**
     * The rules and one more, as one immutable list (which the constructor's {@code List.copyOf} keeps as it is): a
     * rule that moves most of 500 candidates copies each once, not through a builder list and a copy.
     */
    private static List<String> with(List<String> rules, String rule) {
        if (rules.isEmpty()) {
            return List.of(rule);
        }
        String[] more = rules.toArray(new String[rules.size() + 1]);
        more[rules.size()] = rule;
        return List.of(more);
    }
}
