package io.vitrine.rank;

import java.util.List;

/** Scores feature vectors ({@link RankingFeatures#vector}) in one batch: higher means more likely to engage. */
public interface Ranker {

    /** One score per vector, in order. */
    double[] score(List<double[]> vectors);
}
