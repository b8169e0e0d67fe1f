package io.vitrine.train;

import java.util.List;
import java.util.SplittableRandom;

import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/** Offline metrics of a ranker. */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /** Area under the ROC curve (Tribuo's implementation). */
    public static double auc(boolean[] engaged, double[] scores) {
        return LabelEvaluationUtil.binaryAUCROC(engaged, scores);
    }

    /** Mean binary cross-entropy, with probabilities clipped to [1e-15, 1 - 1e-15]. */
    public static double logLoss(boolean[] engaged, double[] probabilities) {
        double sum = 0;
        for (int i = 0; i < engaged.length; i++) {
            double p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[i]));
            sum += engaged[i] ? -Math.log(p) : -Math.log(1 - p);
        }
        return sum / engaged.length;
    }

    /**
     * The 1-based rank of candidate 0 (the engaged item) when candidates are sorted by score, ties broken at random (so
     * a scorer that cannot tell candidates apart gets the expected rank of random ordering, not the best one).
     */
    public static int rankOfFirst(double[] scores, SplittableRandom random) {
        int greater = 0;
        int ties = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[0]) {
                greater++;
            } else if (scores[i] == scores[0]) {
                ties++;
            }
        }
        return 1 + greater + (ties == 0 ? 0 : random.nextInt(ties + 1));
    }

    /** NDCG@k of one relevant item at {@code rank}: {@code 1 / log2(rank + 1)} inside the top k, else 0. */
    public static double ndcg(int rank, int k) {
        return rank <= k ? 1 / (Math.log(rank + 1) / Math.log(2)) : 0;
    }

    /**
     * Hit rate and NDCG at k over cases.
     *
     * @param ranks 1-based ranks of the engaged item per case
     */
    public static TopK topK(List<Integer> ranks, int k) {
        double hits = 0;
        double ndcg = 0;
        for (int rank : ranks) {
            hits += rank <= k ? 1 : 0;
            ndcg += ndcg(rank, k);
        }
        int n = Math.max(1, ranks.size());
        return new TopK(k, ranks.size(), hits / n, ndcg / n);
    }

    /**
     * Top-k metrics over a set of cases.
     *
     * @param k the cut-off
     * @param cases how many cases
     * @param hitRate share of cases whose engaged item is in the top k
     * @param ndcg mean NDCG@k
     */
    public record TopK(int k, int cases, double hitRate, double ndcg) {
    }
}
