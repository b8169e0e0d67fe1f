package io.vitrine.rerank;

import java.util.ArrayList;
import java.util.List;

/**
 * An item in the ranked list.
 *
 * @param itemId the item
 * @param score the model score (or the blended recall score without a model)
 * @param category its category, may be null
 * @param brand its brand, may be null
 * @param sources the recall sources that produced it
 * @param rules names of the rules that moved it
 */
public record RankedItem(String itemId, double score, String category, String brand, List<String> sources,
        List<String> rules) {

    public RankedItem {
        sources = List.copyOf(sources);
        rules = List.copyOf(rules);
    }

    /** This item with a rule added to its history. */
    public RankedItem movedBy(String rule) {
        List<String> more = new ArrayList<>(rules);
        more.add(rule);
        return new RankedItem(itemId, score, category, brand, sources, more);
    }
}
