package io.vitrine.rank;

import java.util.List;

/**
 * Scores with a {@link TreeEnsemble} in plain Java: Tribuo's probabilities (proven within 1e-6 by its test) with no
 * native library and no Tribuo or xgboost4j class, so a native image serves without libxgboost.
 *
 * <p>
 * At construction every tree is padded to a complete binary tree of the ensemble's depth (a leaf above the last level
 * becomes splits that lead to copies of it) and flattened into one array of inner nodes for all trees, each node a
 * {@code long} holding the split's feature position and its threshold, and one array of leaf values. The trees of both
 * classes of a two-class softmax add to one margin, the negative class's leaves negated (the softmax of two margins is
 * the logistic function of their difference, and the equal base scores cancel), so every objective is one pass over the
 * trees. Feature values and thresholds are compared as order-preserving integers ({@link #sortable}), which is exactly
 * the float comparison of XGBoost for every value but NaN.
 *
 * <p>
 * A row descends one level per step with no data-dependent branch ({@code node = 2 node + (x < threshold ? 1 : 2)}),
 * eight rows at a time so that their independent descents overlap their memory loads, through all trees while the eight
 * margins stay in registers. (A layout with the eight rows' values of a feature side by side, which saves the per-row
 * offsets, measured slower here, and so did computing the step from the sign bit of the difference.) A row holding a
 * NaN (missing value) is scored by walking the trees node by node ({@link TreeEnsemble#probability}), which takes the
 * missing branches; so is every row of an ensemble deeper than {@link #MAX_PADDED_DEPTH}.
 */
public final class TreeEnsembleRanker implements Ranker {
    /** Deepest ensemble that is padded ({@code 2^depth} leaves per tree); deeper ones are walked node by node. */
    public static final int MAX_PADDED_DEPTH = 10;
    private static final int LANES = 8;
    /** Each thread's buffer of rows as sortable integers (the request path allocates none). */
    private static final ThreadLocal<int[]> SORTABLE = ThreadLocal.withInitial(() -> new int[0]);

    private final TreeEnsemble ensemble;
    private final int width;
    private final int[] position;
    private final int depth;
    private final int inner;
    private final int trees;
    private final double baseMargin;
    private final long[] nodes;
    private final float[] leaf;

    private TreeEnsembleRanker(TreeEnsemble ensemble, List<String> vectorNames) {
        this.ensemble = ensemble;
        this.width = vectorNames.size();
        this.position = new int[ensemble.features().size()];
        for (int f = 0; f < position.length; f++) {
            String name = ensemble.features().get(f);
            position[f] = vectorNames.indexOf(name);
            if (position[f] < 0) {
                throw new IllegalArgumentException("the trees use a feature this build does not compute: " + name);
            }
        }
        boolean binary = ensemble.objective() == TreeEnsemble.Objective.BINARY_LOGISTIC;
        this.baseMargin = binary ? ensemble.baseScore() : 0;
        int deepest = 0;
        for (TreeEnsemble.Tree tree : ensemble.trees()) {
            deepest = Math.max(deepest, tree.depth());
        }
        this.trees = ensemble.trees().size();
        if (deepest > MAX_PADDED_DEPTH) {
            this.depth = -1;
            this.inner = 0;
            this.nodes = null;
            this.leaf = null;
            return;
        }
        this.depth = deepest;
        this.inner = (1 << depth) - 1;
        this.nodes = new long[trees * inner];
        this.leaf = new float[trees << depth];
        int t = 0;
        for (TreeEnsemble.Tree tree : ensemble.trees()) {
            boolean negated = !binary && tree.outputClass != ensemble.positiveClass();
            pad(tree, negated, 0, 0, t++);
        }
    }

    /**
     * Copies {@code node} of {@code tree} into padded position {@code at} (level-order index) of tree {@code t}, leaf
     * values negated when {@code negated}.
     */
    private void pad(TreeEnsemble.Tree tree, boolean negated, int node, int at, int t) {
        if (at >= inner) {
            // Past the last inner level: a leaf slot. Only leaves get here (a split deeper than depth cannot exist).
            leaf[(t << depth) + at - inner] = negated ? -tree.value[node] : tree.value[node];
            return;
        }
        if (tree.feature[node] < 0) {
            // A leaf above the last level: both ways lead to copies of it, whatever the comparison says.
            nodes[t * inner + at] = node(0, Float.POSITIVE_INFINITY);
            pad(tree, negated, node, 2 * at + 1, t);
            pad(tree, negated, node, 2 * at + 2, t);
        } else {
            nodes[t * inner + at] = node(position[tree.feature[node]], tree.value[node]);
            pad(tree, negated, tree.yes[node], 2 * at + 1, t);
            pad(tree, negated, tree.no[node], 2 * at + 2, t);
        }
    }

    /** A padded inner node: the feature's position in a row, and the threshold. */
    private static long node(int vectorPosition, float threshold) {
        return ((long) vectorPosition << 32) | (sortable(threshold) & 0xffff_ffffL);
    }

    /**
     * An int that orders like the float: {@code a < b} exactly when {@code sortable(a) < sortable(b)}, for all floats
     * but NaN. Negative zero is first made positive (the two zeros compare equal as floats).
     */
    static int sortable(float value) {
        int bits = Float.floatToRawIntBits(value + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fff_ffff);
    }

    /**
     * A ranker over vectors of {@link RankingFeatures#NAMES}.
     *
     * @throws IllegalArgumentException when the trees use a feature this build does not compute
     */
    public static TreeEnsembleRanker of(TreeEnsemble ensemble) {
        return new TreeEnsembleRanker(ensemble, RankingFeatures.NAMES);
    }

    public TreeEnsemble ensemble() {
        return ensemble;
    }

    @Override
    public double[] score(List<double[]> vectors) {
        return score(FeatureMatrix.of(vectors, width));
    }

    @Override
    public double[] score(FeatureMatrix matrix) {
        if (matrix.width() != width) {
            throw new IllegalArgumentException("rows have " + matrix.width() + " values, not " + width);
        }
        int n = matrix.rows();
        double[] scores = new double[n];
        if (n == 0) {
            return scores;
        }
        float[] values = matrix.values();
        if (depth < 0) {
            for (int r = 0; r < n; r++) {
                scores[r] = reference(matrix.row(r));
            }
            return scores;
        }
        // The rows as order-preserving integers, in this thread's buffer; a row with a missing value is marked.
        int[] x = SORTABLE.get();
        if (x.length < n * width) {
            x = new int[Math.max(n * width, 2 * x.length)];
            SORTABLE.set(x);
        }
        boolean anyMissing = false;
        for (int i = 0, end = n * width; i < end; i++) {
            float value = values[i];
            x[i] = sortable(value);
            anyMissing |= value != value;
        }
        double[] margins = new double[LANES];
        int blocks = n - n % LANES;
        for (int r = 0; r < blocks; r += LANES) {
            eight(x, r * width, margins);
            for (int j = 0; j < LANES; j++) {
                scores[r + j] = TreeEnsemble.logistic(baseMargin + margins[j]);
            }
        }
        for (int r = blocks; r < n; r++) {
            scores[r] = TreeEnsemble.logistic(baseMargin + one(x, r * width));
        }
        // A row with a missing value takes the trees' missing branches, which the padded descent does not know.
        for (int r = 0; anyMissing && r < n; r++) {
            for (int f = r * width, end = f + width; f < end; f++) {
                if (values[f] != values[f]) {
                    scores[r] = reference(matrix.row(r));
                    break;
                }
            }
        }
        return scores;
    }

    /**
     * Sums the leaves that eight consecutive rows (from offset {@code o} of {@code x}) reach in all trees into
     * {@code out}.
     */
    private void eight(int[] x, int o, double[] out) {
        long[] node = nodes;
        float[] leaves = leaf;
        int levels = depth;
        int w = width;
        int o0 = o;
        int o1 = o0 + w;
        int o2 = o1 + w;
        int o3 = o2 + w;
        int o4 = o3 + w;
        int o5 = o4 + w;
        int o6 = o5 + w;
        int o7 = o6 + w;
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        double m5 = 0;
        double m6 = 0;
        double m7 = 0;
        for (int t = 0; t < trees; t++) {
            int b = t * inner;
            int i0 = 0;
            int i1 = 0;
            int i2 = 0;
            int i3 = 0;
            int i4 = 0;
            int i5 = 0;
            int i6 = 0;
            int i7 = 0;
            for (int level = 0; level < levels; level++) {
                i0 = 2 * i0 + step(x, o0, node[b + i0]);
                i1 = 2 * i1 + step(x, o1, node[b + i1]);
                i2 = 2 * i2 + step(x, o2, node[b + i2]);
                i3 = 2 * i3 + step(x, o3, node[b + i3]);
                i4 = 2 * i4 + step(x, o4, node[b + i4]);
                i5 = 2 * i5 + step(x, o5, node[b + i5]);
                i6 = 2 * i6 + step(x, o6, node[b + i6]);
                i7 = 2 * i7 + step(x, o7, node[b + i7]);
            }
            int l = (t << levels) - inner;
            m0 += leaves[l + i0];
            m1 += leaves[l + i1];
            m2 += leaves[l + i2];
            m3 += leaves[l + i3];
            m4 += leaves[l + i4];
            m5 += leaves[l + i5];
            m6 += leaves[l + i6];
            m7 += leaves[l + i7];
        }
        out[0] = m0;
        out[1] = m1;
        out[2] = m2;
        out[3] = m3;
        out[4] = m4;
        out[5] = m5;
        out[6] = m6;
        out[7] = m7;
    }

    /** The sum of the leaves one row reaches in all trees. */
    private double one(int[] x, int o) {
        double margin = 0;
        for (int t = 0; t < trees; t++) {
            int b = t * inner;
            int i = 0;
            for (int level = 0; level < depth; level++) {
                i = 2 * i + step(x, o, nodes[b + i]);
            }
            margin += leaf[(t << depth) - inner + i];
        }
        return margin;
    }

    /** 1 (to {@code yes}) when the row's value is below the node's threshold, else 2 (to {@code no}). */
    private static int step(int[] x, int o, long node) {
        return x[o + (int) (node >>> 32)] < (int) node ? 1 : 2;
    }

    /** One vector scored node by node (missing values, very deep ensembles). */
    private double reference(double[] vector) {
        float[] values = new float[position.length];
        for (int f = 0; f < position.length; f++) {
            values[f] = (float) vector[position[f]];
        }
        return ensemble.probability(values);
    }
}
