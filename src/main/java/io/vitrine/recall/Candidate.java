package io.vitrine.recall;

import java.util.List;

/**
 * A recalled item.
 *
 * @param itemId the item
 * @param recallScore the merged recall score (reciprocal rank fusion over the sources)
 * @param sources the names of every source that produced it, best-ranking source first
 */
public record Candidate(String itemId, double recallScore, List<String> sources) {
    public Candidate {
        sources = List.copyOf(sources);
    }
}
