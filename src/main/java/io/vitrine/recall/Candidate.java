package io.vitrine.recall;

import java.util.List;

/**
 * A recalled item.
 *
 * @param itemId the item
 * @param recallScore the merged recall score (reciprocal rank fusion over the sources)
 * @param sources the names of every source that produced it, best-ranking source first
 * @param mergedRank its position in the merged list, from 1
 * @param sourceRanks per source of {@link SourceNames#ALL} (by index), its rank there from 1, or 0 when the source did
 *            not produce it
 * @param sourceScores per source (by index), its score there over the source's best score for the request (in (0, 1]
 *            for the scores the sources give), or 0 when the source did not produce it
 * @param rawScores per source (by index), its score there as the source gave it, or 0 when it did not produce it
 */
public record Candidate(String itemId, double recallScore, List<String> sources, int mergedRank, float[] sourceRanks,
        float[] sourceScores, float[] rawScores) {
    public Candidate {
        sources = List.copyOf(sources);
    }

    /** A candidate without per-source evidence (tests). */
    public Candidate(String itemId, double recallScore, List<String> sources) {
        this(itemId, recallScore, sources, 0, new float[SourceNames.ALL.size()], new float[SourceNames.ALL.size()],
                new float[SourceNames.ALL.size()]);
    }
}
