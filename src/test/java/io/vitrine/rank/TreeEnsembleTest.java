package io.vitrine.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The trees file format, and the padded evaluator against the node-by-node walk on random ensembles. */
class TreeEnsembleTest {
    private static final List<String> NAMES = RankingFeatures.NAMES;

    @Test
    void roundTripsThroughBytes() {
        TreeEnsemble ensemble = random(new Random(1), 30, 6);

        byte[] bytes = ensemble.toBytes();
        TreeEnsemble read = TreeEnsemble.parse(bytes);

        assertThat(read.toBytes()).isEqualTo(bytes);
        assertThat(read.features()).isEqualTo(ensemble.features());
        assertThat(read.trees()).hasSize(30);
        float[] x = new float[NAMES.size()];
        assertThat(read.probability(x)).isEqualTo(ensemble.probability(x));
    }

    @Test
    void splitCountsCountTheSplitsOfEachFeature() {
        boolean[] m = new boolean[5];
        float[] v = {0.5f, 1.5f, 1, 2, 3};
        // Tree 1 splits on feature 0, then on feature 2; tree 2 is one split on feature 2.
        TreeEnsemble.Tree one = new TreeEnsemble.Tree(1, new int[]{0, 2, -1, -1, -1}, v, new int[]{1, 3, 0, 0, 0},
                new int[]{2, 4, 0, 0, 0}, m);
        TreeEnsemble.Tree two = new TreeEnsemble.Tree(0, new int[]{2, -1, -1}, new float[]{0.5f, 1, 2},
                new int[]{1, 0, 0}, new int[]{2, 0, 0}, new boolean[3]);
        TreeEnsemble ensemble = new TreeEnsemble(List.of("a", "b", "c"), TreeEnsemble.Objective.SOFTPROB_TWO_CLASSES, 1,
                0,
                List.of(one, two));

        assertThat(ensemble.splitCounts()).containsExactly(entry("a", 1), entry("b", 0), entry("c", 2));
    }

    @Test
    void refusesAnUnknownFormatVersionOtherFilesAndDamage() {
        byte[] bytes = random(new Random(2), 4, 3).toBytes();

        byte[] newer = bytes.clone();
        ByteBuffer.wrap(newer).putInt(8, 3);
        assertThatThrownBy(() -> TreeEnsemble.parse(newer))
                .isInstanceOf(TreeFormatException.class)
                .hasMessage("trees format version 3 is not supported; this build reads 1 to 2");

        assertThatThrownBy(() -> TreeEnsemble.parse("{\"trees\":[]}".getBytes()))
                .isInstanceOf(TreeFormatException.class)
                .hasMessageContaining("not a trees file");
        assertThatThrownBy(() -> TreeEnsemble.parse(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(TreeFormatException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> TreeEnsemble.parse(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(TreeFormatException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void refusesTreesThatCouldLoopOrIndexOutOfBounds() {
        float[] v = {0.5f, 1, 2};
        boolean[] m = new boolean[3];
        // A child before its parent (a cycle would be possible), a child out of range, a shared child.
        assertThatThrownBy(() -> new TreeEnsemble.Tree(0, new int[]{0, -1, -1}, v, new int[]{0, 0, 0},
                new int[]{2, 0, 0}, m)).hasMessageContaining("children come after their parent");
        assertThatThrownBy(() -> new TreeEnsemble.Tree(0, new int[]{0, -1, -1}, v, new int[]{1, 0, 0},
                new int[]{3, 0, 0}, m)).hasMessageContaining("child 3");
        assertThatThrownBy(() -> new TreeEnsemble.Tree(0, new int[]{0, -1, -1}, v, new int[]{1, 0, 0},
                new int[]{1, 0, 0}, m)).hasMessageContaining("two parents");
        assertThatThrownBy(() -> new TreeEnsemble.Tree(0, new int[]{0, -1, -1}, new float[]{Float.NaN, 1, 2},
                new int[]{1, 0, 0}, new int[]{2, 0, 0}, m)).hasMessageContaining("not finite");
        // A split on a feature the file does not name.
        TreeEnsemble.Tree tree = new TreeEnsemble.Tree(1, new int[]{5, -1, -1}, v, new int[]{1, 0, 0},
                new int[]{2, 0, 0}, m);
        assertThatThrownBy(
                () -> new TreeEnsemble(List.of("a", "b"), TreeEnsemble.Objective.SOFTPROB_TWO_CLASSES, 1, 0.5f,
                        List.of(tree)))
                .hasMessageContaining("feature 5");
    }

    @Test
    void refusesTreesOverFeaturesThisBuildDoesNotCompute() {
        TreeEnsemble.Tree tree = new TreeEnsemble.Tree(1, new int[]{0, -1, -1}, new float[]{0.5f, 1, 2},
                new int[]{1, 0, 0}, new int[]{2, 0, 0}, new boolean[3]);
        TreeEnsemble ensemble = new TreeEnsemble(List.of("user.shoe_size"), TreeEnsemble.Objective.SOFTPROB_TWO_CLASSES,
                1,
                0.5f, List.of(tree));

        assertThatThrownBy(() -> TreeEnsembleRanker.of(ensemble))
                .hasMessageContaining("does not compute: user.shoe_size");
    }

    @Test
    void paddedEvaluationEqualsTheNodeByNodeWalk() {
        Random random = new Random(3);
        for (int k = 0; k < 10; k++) {
            int depth = new int[]{0, 1, 4, 7, TreeEnsembleRanker.MAX_PADDED_DEPTH + 2}[k / 2];
            TreeEnsemble ensemble = random(random, 50, depth, TreeEnsemble.Objective.values()[k % 2]);
            TreeEnsembleRanker ranker = TreeEnsembleRanker.of(ensemble);
            List<double[]> vectors = new ArrayList<>();
            for (int i = 0; i < 203; i++) {
                double[] v = new double[NAMES.size()];
                for (int f = 0; f < v.length; f++) {
                    double u = random.nextDouble();
                    // Zeros, values equal to thresholds (multiples of 1/8), missing values, infinities.
                    v[f] = u < 0.2
                            ? 0
                            : u < 0.4
                                    ? random.nextInt(17) / 8.0 - 1
                                    : u < 0.42
                                            ? Double.NaN
                                            : u < 0.43 ? Double.POSITIVE_INFINITY : random.nextGaussian();
                }
                vectors.add(v);
            }

            double[] scores = ranker.score(vectors);

            for (int i = 0; i < scores.length; i++) {
                float[] x = new float[NAMES.size()];
                for (int f = 0; f < x.length; f++) {
                    x[f] = (float) vectors.get(i)[f];
                }
                assertThat(scores[i]).as("%s depth %d, vector %d", ensemble.objective(), depth, i)
                        .isCloseTo(ensemble.probability(x),
                                within(1e-12));
            }
        }
    }

    @Test
    void sortableIntegersOrderLikeFloats() {
        Random random = new Random(4);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f, Math.nextUp(1f), Math.nextDown(-1f)};
        List<Float> values = new ArrayList<>();
        for (float f : special) {
            values.add(f);
        }
        for (int i = 0; i < 200; i++) {
            values.add(Float.intBitsToFloat(random.nextInt()));
            values.add((float) random.nextGaussian());
        }
        values.removeIf(f -> f.isNaN());
        for (float a : values) {
            for (float b : values) {
                assertThat(TreeEnsembleRanker.sortable(a) < TreeEnsembleRanker.sortable(b)).as("%s < %s", a, b)
                        .isEqualTo(a < b);
            }
        }
    }

    /** Random trees of exactly {@code depth} at their deepest, some leaves higher, over the ranking features. */
    static TreeEnsemble random(Random random, int trees, int depth) {
        return random(random, trees, depth, TreeEnsemble.Objective.SOFTPROB_TWO_CLASSES);
    }

    /** The same, of either objective (a binary ensemble's trees all add to its one margin). */
    static TreeEnsemble random(Random random, int trees, int depth, TreeEnsemble.Objective objective) {
        List<TreeEnsemble.Tree> out = new ArrayList<>();
        for (int t = 0; t < trees; t++) {
            List<int[]> nodes = new ArrayList<>(); // {feature, yes, no, missingYes}
            List<Float> values = new ArrayList<>();
            List<Integer> depths = new ArrayList<>();
            List<Boolean> leftmost = new ArrayList<>();
            nodes.add(null);
            values.add(0f);
            depths.add(0);
            leftmost.add(true);
            for (int n = 0; n < nodes.size(); n++) {
                int d = depths.get(n);
                // The leftmost path reaches the full depth; elsewhere leaves also end higher.
                if (d < depth && (leftmost.get(n) || random.nextDouble() < 0.7)) {
                    int yes = nodes.size();
                    for (int child = 0; child < 2; child++) {
                        nodes.add(null);
                        values.add(0f);
                        depths.add(d + 1);
                        leftmost.add(leftmost.get(n) && child == 0);
                    }
                    nodes.set(n, new int[]{random.nextInt(NAMES.size()), yes, yes + 1, random.nextInt(2)});
                    float threshold = random.nextInt(17) / 8f - 1;
                    values.set(n, threshold == 0 && random.nextBoolean() ? -0.0f : threshold);
                } else {
                    nodes.set(n, new int[]{-1, 0, 0, 0});
                    values.set(n, (float) random.nextGaussian() / 10);
                }
            }
            int size = nodes.size();
            int[] feature = new int[size];
            float[] value = new float[size];
            int[] yes = new int[size];
            int[] no = new int[size];
            boolean[] missingYes = new boolean[size];
            for (int n = 0; n < size; n++) {
                feature[n] = nodes.get(n)[0];
                yes[n] = nodes.get(n)[1];
                no[n] = nodes.get(n)[2];
                missingYes[n] = nodes.get(n)[3] == 1;
                value[n] = values.get(n);
            }
            out.add(new TreeEnsemble.Tree(t % objective.classes, feature, value, yes, no, missingYes));
        }
        return new TreeEnsemble(NAMES, objective, objective.classes - 1, 0.5f, out);
    }
}
