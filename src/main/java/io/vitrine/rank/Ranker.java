package io.vitrine.rank;

import java.util.List;

/** Scores feature vectors ({@link RankingFeatures#vector}) in one batch: higher means more likely to engage. */
public interface Ranker {

    /** One score per vector, in order. */
    double[] score(List<double[]> vectors);

    /** One score per row of {@code matrix}, in order (the request path: no vector per candidate). */
    default double[] score(FeatureMatrix matrix) {
        List<double[]> rows = new java.util.ArrayList<>(matrix.rows());
        for (int r = 0; r < matrix.rows(); r++) {
            rows.add(matrix.row(r));
        }
        return score(rows);
    }
}
