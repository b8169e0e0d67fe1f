package io.vitrine.recall;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Matrix factorisation for implicit feedback by alternating least squares (Hu, Koren and Volinsky, "Collaborative
 * Filtering for Implicit Feedback Datasets", ICDM 2008).
 *
 * <p>
 * For the summed weight {@code r(u,i)} of user u on item i, the preference is {@code p = 1} if {@code r > 0} else 0,
 * and the confidence {@code c = 1 + alpha × r}. The model minimises, over all user × item cells (not only the observed
 * ones),
 *
 * <pre>
 * L = Σ_u Σ_i c(u,i) (p(u,i) - x_u·y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²)
 * </pre>
 *
 * by alternately solving for every user with the items fixed and for every item with the users fixed. With items fixed,
 * user u's vector is {@code x_u = (YᵀY + Yᵀ(C_u - I)Y + λI)⁻¹ Yᵀ C_u p_u}: {@code YᵀY} is computed once per sweep, and
 * {@code C_u - I} is non-zero only on u's observed items, so one solve costs {@code O(n_u k² + k³)} for n_u observed
 * items and k factors rather than {@code O(items × k²)}. The k × k systems are symmetric positive definite and solved
 * by Cholesky decomposition (EJML). Item vectors start as Gaussian noise of standard deviation 0.01 from the seed; user
 * vectors are solved first, so they need no start.
 *
 * <p>
 * The loss after each sweep is reported without visiting the unobserved cells, using
 * {@code Σ_all (x_u·y_i)² = Σ_u x_uᵀ (YᵀY) x_u}. Since every half-step minimises L exactly, it does not increase (up to
 * rounding: vectors are stored as floats).
 *
 * <p>
 * Memory: the matrix (see {@link InteractionMatrix}) plus {@code 4 × k × (users + items)} bytes of vectors and a few k
 * × k buffers per thread. Time per iteration: about {@code 2 × nonZeros × k² / 2 + (users + items) × k³ / 3}
 * multiply-adds, spread over the threads.
 */
public final class ImplicitAls {
    private static final double INITIAL_SCALE = 0.01;

    private final AlsSettings settings;

    public ImplicitAls(AlsSettings settings) {
        this.settings = settings;
    }

    public AlsSettings settings() {
        return settings;
    }

    /** Factorises {@code matrix}. */
    public AlsModel fit(InteractionMatrix matrix) {
        int k = settings.factors();
        int users = matrix.userCount();
        int items = matrix.itemCount();
        float[] x = new float[Math.multiplyExact(users, k)];
        float[] y = new float[Math.multiplyExact(items, k)];
        SplittableRandom random = new SplittableRandom(settings.seed());
        for (int p = 0; p < y.length; p++) {
            y[p] = (float) (random.nextGaussian() * INITIAL_SCALE);
        }
        double[] losses = new double[settings.iterations() + 1];
        try (Parallel parallel = new Parallel(settings.threads())) {
            double[] yty = gram(y, items, k);
            losses[0] = loss(matrix, x, y, yty, k);
            for (int iteration = 1; iteration <= settings.iterations(); iteration++) {
                solveAll(parallel, users, matrix.userOffsets(), matrix.userItems(), matrix.userWeights(), y, yty, x);
                double[] xtx = gram(x, users, k);
                solveAll(parallel, items, matrix.itemOffsets(), matrix.itemUsers(), matrix.itemWeights(), x, xtx,
                        y);
                yty = gram(y, items, k);
                losses[iteration] = loss(matrix, x, y, yty, k);
            }
        }
        return new AlsModel(matrix.userArray(), matrix.itemArray(), k, x, y, losses);
    }

    /**
     * Solves every row of {@code target} against the fixed side: row r's entries are
     * {@code indices/weights[offsets[r]..offsets[r+1])}.
     */
    private void solveAll(Parallel parallel, int rows, int[] offsets, int[] indices, float[] weights, float[] fixed,
            double[] fixedGram, float[] target) {
        int k = settings.factors();
        double lambda = settings.regularization();
        double alpha = settings.alpha();
        parallel.forEachChunk(rows, worker -> {
            DMatrixRMaj a = new DMatrixRMaj(k, k);
            DMatrixRMaj b = new DMatrixRMaj(k, 1);
            DMatrixRMaj solution = new DMatrixRMaj(k, 1);
            LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(k);
            double[] ad = a.data;
            double[] bd = b.data;
            return (from, to) -> {
                for (int r = from; r < to; r++) {
                    // A = YᵀY + λI + Σ_observed (c - 1) y yᵀ, b = Σ_observed c y (p = 1 there, 0 elsewhere).
                    System.arraycopy(fixedGram, 0, ad, 0, k * k);
                    for (int d = 0; d < k; d++) {
                        ad[d * k + d] += lambda;
                        bd[d] = 0;
                    }
                    for (int p = offsets[r]; p < offsets[r + 1]; p++) {
                        int base = indices[p] * k;
                        double extra = alpha * weights[p];
                        for (int d = 0; d < k; d++) {
                            double yd = fixed[base + d];
                            bd[d] += (1 + extra) * yd;
                            double scaled = extra * yd;
                            int row = d * k;
                            // Upper triangle only; mirrored below.
                            for (int e = d; e < k; e++) {
                                ad[row + e] += scaled * fixed[base + e];
                            }
                        }
                    }
                    for (int d = 0; d < k; d++) {
                        for (int e = d + 1; e < k; e++) {
                            ad[e * k + d] = ad[d * k + e];
                        }
                    }
                    if (!solver.setA(a)) {
                        throw new IllegalStateException("ALS system is not positive definite (row " + r + ")");
                    }
                    solver.solve(b, solution);
                    int out = r * k;
                    for (int d = 0; d < k; d++) {
                        target[out + d] = (float) solution.data[d];
                    }
                }
            };
        });
    }

    /** {@code VᵀV} for the rows of {@code v}, as a row-major k × k array. */
    private static double[] gram(float[] v, int rows, int k) {
        double[] g = new double[k * k];
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            for (int d = 0; d < k; d++) {
                double vd = v[base + d];
                for (int e = d; e < k; e++) {
                    g[d * k + e] += vd * v[base + e];
                }
            }
        }
        for (int d = 0; d < k; d++) {
            for (int e = d + 1; e < k; e++) {
                g[e * k + d] = g[d * k + e];
            }
        }
        return g;
    }

    /** The objective L; see the class comment. */
    private double loss(InteractionMatrix matrix, float[] x, float[] y, double[] yty, int k) {
        int[] offsets = matrix.userOffsets();
        int[] items = matrix.userItems();
        float[] weights = matrix.userWeights();
        double alpha = settings.alpha();
        double total = 0;
        for (int u = 0; u < matrix.userCount(); u++) {
            int ub = u * k;
            // Every cell as if unobserved: Σ_i (x_u·y_i)² = x_uᵀ YᵀY x_u.
            for (int d = 0; d < k; d++) {
                double row = 0;
                for (int e = 0; e < k; e++) {
                    row += yty[d * k + e] * x[ub + e];
                }
                total += x[ub + d] * row;
            }
            // Observed cells: replace s² by c (1 - s)².
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                int ib = items[p] * k;
                double s = 0;
                for (int d = 0; d < k; d++) {
                    s += (double) x[ub + d] * y[ib + d];
                }
                double c = 1 + alpha * weights[p];
                total += c * (1 - s) * (1 - s) - s * s;
            }
        }
        return total + settings.regularization() * (squaredNorm(x) + squaredNorm(y));
    }

    private static double squaredNorm(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += (double) f * f;
        }
        return sum;
    }
}
