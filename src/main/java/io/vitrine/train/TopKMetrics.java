package io.vitrine.train;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Accumulates top-K metrics over users: hit rate, NDCG (binary relevance, ideal DCG over min(K, relevant)), precision
 * and recall at K, catalog coverage (share of the catalog recommended to anyone) and intra-list diversity (share of
 * item pairs within a list whose categories differ).
 */
public final class TopKMetrics {
    private final int k;
    private final int catalogSize;
    private final Set<String> recommended = new HashSet<>();
    private int users;
    private double hits;
    private double ndcg;
    private double precision;
    private double recall;
    private double diversity;

    public TopKMetrics(int k, int catalogSize) {
        this.k = k;
        this.catalogSize = catalogSize;
    }

    /**
     * Adds one user's list.
     *
     * @param list recommended item ids, best first (only the first K count)
     * @param categories their categories, aligned (null entries for unknown)
     * @param relevant the user's relevant items (non-empty)
     */
    public void add(List<String> list, List<String> categories, Set<String> relevant) {
        int n = Math.min(k, list.size());
        int found = 0;
        double dcg = 0;
        for (int i = 0; i < n; i++) {
            recommended.add(list.get(i));
            if (relevant.contains(list.get(i))) {
                found++;
                dcg += 1 / log2(i + 2);
            }
        }
        double idcg = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            idcg += 1 / log2(i + 2);
        }
        users++;
        hits += found > 0 ? 1 : 0;
        ndcg += idcg == 0 ? 0 : dcg / idcg;
        precision += (double) found / k;
        recall += relevant.isEmpty() ? 0 : (double) found / relevant.size();
        int pairs = 0;
        int different = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pairs++;
                String a = categories.get(i);
                String b = categories.get(j);
                if (a == null || !a.equals(b)) {
                    different++;
                }
            }
        }
        diversity += pairs == 0 ? 0 : (double) different / pairs;
    }

    public Result result() {
        int u = Math.max(1, users);
        return new Result(k, users, hits / u, ndcg / u, precision / u, recall / u,
                catalogSize == 0 ? 0 : (double) recommended.size() / catalogSize, diversity / u);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Mean metrics over users.
     *
     * @param k the cut-off
     * @param users users evaluated
     * @param hitRate share of users with a relevant item in the top K
     * @param ndcg mean NDCG@K
     * @param precision mean precision@K
     * @param recall mean recall@K
     * @param coverage share of the catalog recommended to at least one user
     * @param diversity mean intra-list category diversity
     */
    public record Result(int k, int users, double hitRate, double ndcg, double precision, double recall,
            double coverage, double diversity) {
    }
}
