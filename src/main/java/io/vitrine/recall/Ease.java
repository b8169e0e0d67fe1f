package io.vitrine.recall;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE, the closed-form linear item-to-item model of Steck ("Embarrassingly Shallow Autoencoders for Sparse Data", WWW
 * 2019), stored as a neighbour table.
 *
 * <p>
 * With X the binary user × item matrix (1 where the user interacted with the item), EASE learns the item × item weights
 * {@code B = argmin ‖X − XB‖² + λ‖B‖²} subject to {@code diag(B) = 0}. The solution is closed form: with
 * {@code P = (XᵀX + λI)⁻¹}, {@code B(i,j) = −P(i,j) / P(j,j)} for i ≠ j and 0 on the diagonal. A user's score for item
 * j is {@code Σ_{i in history} B(i,j)}: row i of B holds what item i contributes to every other item, so it is item i's
 * neighbour list. The table keeps, per item, its {@link EaseSettings#neighbours()} largest positive weights, which the
 * item-to-item source ({@link NeighbourSource}) sums over the user's history exactly like the co-occurrence table.
 * Negative weights (item i argues against j) are dropped with the truncation.
 *
 * <p>
 * Cost: the Gram matrix is accumulated from the sparse rows ({@code Σ_u n_u²} additions for n_u selected items of user
 * u), then inverted by Cholesky decomposition (EJML), {@code n³/3} multiply-adds for n items, in memory for two dense n
 * × n matrices of doubles. That is why the model covers at most {@link EaseSettings#maxItems()} items, the most engaged
 * ones.
 */
public final class Ease {
    private final EaseSettings settings;

    public Ease(EaseSettings settings) {
        this.settings = settings;
    }

    public EaseSettings settings() {
        return settings;
    }

    /** The neighbour table of {@code matrix} (empty when the matrix or {@code maxItems} is empty). */
    public NeighbourLists build(InteractionMatrix matrix) {
        int[] columns = selectItems(matrix);
        int n = columns.length;
        if (n < 2) {
            return NeighbourLists.empty();
        }
        String[] names = new String[n];
        for (int c = 0; c < n; c++) {
            names[c] = matrix.itemArray()[columns[c]];
        }
        return fromGram(names, gram(matrix, columns));
    }

    /**
     * The neighbour table from the Gram matrix of the selected items, computed elsewhere (the Spark trainer counts the
     * users of each item pair with a join and solves here, on the driver).
     *
     * @param names the selected items (at most {@code maxItems}), naming the rows and columns
     * @param gram row-major {@code names.length²}: entry (a, b) is the number of users who touched both a and b (the
     *            diagonal: the users of a)
     */
    public NeighbourLists fromGram(String[] names, double[] gram) {
        int n = names.length;
        if (n < 2) {
            return NeighbourLists.empty();
        }
        if (gram.length != n * n) {
            throw new IllegalArgumentException("gram must have " + n + "² entries");
        }
        return fromGram(names, DMatrixRMaj.wrap(n, n, gram.clone()));
    }

    private NeighbourLists fromGram(String[] names, DMatrixRMaj g) {
        int n = names.length;
        DMatrixRMaj p = inverse(g, settings.lambda());
        double[] data = p.data;
        int keep = Math.min(settings.neighbours(), n - 1);
        int[] found = new int[Math.multiplyExact(n, keep)];
        float[] scores = new float[found.length];
        int[] counts = new int[n];
        TopK top = new TopK(keep, names);
        for (int i = 0; i < n; i++) {
            top.clear();
            int row = i * n;
            for (int j = 0; j < n; j++) {
                double weight = -data[row + j] / data[j * n + j];
                if (j != i && weight > 0) {
                    top.offer(j, (float) weight);
                }
            }
            counts[i] = top.drainBestFirst(found, scores, i * keep);
        }
        int withLists = 0;
        int total = 0;
        for (int c : counts) {
            withLists += c > 0 ? 1 : 0;
            total += c;
        }
        String[] items = new String[withLists];
        int[] offsets = new int[withLists + 1];
        String[] neighbours = new String[total];
        float[] weights = new float[total];
        int row = 0;
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] == 0) {
                continue;
            }
            items[row] = names[i];
            for (int q = 0; q < counts[i]; q++) {
                neighbours[at] = names[found[i * keep + q]];
                weights[at++] = scores[i * keep + q];
            }
            offsets[++row] = at;
        }
        return new NeighbourLists(items, offsets, neighbours, weights);
    }

    /**
     * The full weight matrix B over the selected items, for checks and measurements: {@code b[i][j]} is item i's weight
     * towards item j; {@code items} names the rows and columns.
     */
    public Weights weights(InteractionMatrix matrix) {
        int[] columns = selectItems(matrix);
        int n = columns.length;
        String[] names = new String[n];
        for (int c = 0; c < n; c++) {
            names[c] = matrix.itemArray()[columns[c]];
        }
        if (n == 0) {
            return new Weights(names, new double[0][]);
        }
        DMatrixRMaj p = inverse(gram(matrix, columns), settings.lambda());
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = i == j ? 0 : -p.get(i, j) / p.get(j, j);
            }
        }
        return new Weights(names, b);
    }

    /**
     * The weight matrix of {@link #weights(InteractionMatrix)}.
     *
     * @param items item ids of the rows and columns
     * @param b weights, {@code b[i][j]} from item i to item j; zero diagonal
     */
    public record Weights(String[] items, double[][] b) {
    }

    /** Matrix item indices of the items the model covers: all, or the {@code maxItems} with the most users. */
    private int[] selectItems(InteractionMatrix matrix) {
        int items = matrix.itemCount();
        int[] offsets = matrix.itemOffsets();
        if (items <= settings.maxItems()) {
            return IntStream.range(0, items).toArray();
        }
        String[] ids = matrix.itemArray();
        int[] chosen = IntStream.range(0, items)
                .boxed()
                .sorted(Comparator.comparingInt((Integer i) -> offsets[i] - offsets[i + 1])
                        .thenComparing(i -> ids[i]))
                .limit(settings.maxItems())
                .mapToInt(Integer::intValue)
                .toArray();
        Arrays.sort(chosen);
        return chosen;
    }

    /** XᵀX of the binary matrix restricted to {@code columns} (ascending item indices). */
    private static DMatrixRMaj gram(InteractionMatrix matrix, int[] columns) {
        int n = columns.length;
        int[] column = new int[matrix.itemCount()];
        Arrays.fill(column, -1);
        for (int c = 0; c < n; c++) {
            column[columns[c]] = c;
        }
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        double[] data = g.data;
        int[] userOffsets = matrix.userOffsets();
        int[] userItems = matrix.userItems();
        int[] row = new int[matrix.itemCount()];
        for (int u = 0; u < matrix.userCount(); u++) {
            int size = 0;
            for (int p = userOffsets[u]; p < userOffsets[u + 1]; p++) {
                int c = column[userItems[p]];
                if (c >= 0) {
                    row[size++] = c;
                }
            }
            for (int a = 0; a < size; a++) {
                int base = row[a] * n;
                for (int b = 0; b < size; b++) {
                    data[base + row[b]] += 1;
                }
            }
        }
        return g;
    }

    /** {@code (g + λI)⁻¹} by Cholesky decomposition; {@code g} is overwritten. */
    private static DMatrixRMaj inverse(DMatrixRMaj g, double lambda) {
        int n = g.numRows;
        for (int i = 0; i < n; i++) {
            g.add(i, i, lambda);
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
        if (!solver.setA(g)) {
            throw new IllegalStateException("EASE: the regularized Gram matrix is not positive definite");
        }
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        solver.invert(p);
        return p;
    }
}
