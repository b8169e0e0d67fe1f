package io.vitrine.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.model.BundlePublisher;
import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelCodec;
import io.vitrine.model.TrainedFixture;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.train.TrainingExample;

/**
 * The plain-Java evaluator over the trees file of a published bundle gives Tribuo's scores, within 1e-6, on held-out
 * examples of a trained model.
 */
class TreeEnsembleRankerTest {
    @TempDir
    static Path dir;
    private static Ranker fromBundle;
    private static TribuoRanker tribuo;
    private static List<double[]> vectors;

    @BeforeAll
    static void publishAndReadBack() {
        var trained = TrainedFixture.result();
        FileObjectStore store = new FileObjectStore(dir);
        new BundlePublisher(store, Clock.systemUTC()).publish(trained.model(), trained.tables(),
                TrainedFixture.draft());
        ModelBundle bundle = ModelCodec.reader(store, TrainedFixture.SCHEMA, ModelBundle.Evaluator.JAVA)
                .loadLatest()
                .orElseThrow();
        fromBundle = bundle.ranker();
        tribuo = new TribuoRanker(trained.model());
        vectors = trained.validation().stream().map(TrainingExample::features).toList();
    }

    @Test
    void treesReadBackFromTheBundleScoreAsTribuoWithin1e6OnTheValidationExamples() {
        assertThat(fromBundle).isInstanceOf(TreeEnsembleRanker.class);
        assertThat(vectors).hasSizeGreaterThan(500);

        double max = assertEqualWithin1e6(tribuo.score(vectors), fromBundle.score(vectors));

        System.out.printf("trees.bin evaluator vs Tribuo on %d examples: max |difference| %.2e%n", vectors.size(),
                max);
    }

    @Test
    void zeroIsAValueNotAMissingValue() {
        // Tribuo passes zeros to XGBoost as explicit values: were zero treated as missing, some of these would differ.
        long withZeros = vectors.stream().filter(v -> java.util.Arrays.stream(v).anyMatch(x -> x == 0)).count();
        assertThat(withZeros).isGreaterThan(vectors.size() / 2);
        List<double[]> zerosAsMissing = vectors.stream()
                .map(v -> java.util.Arrays.stream(v).map(x -> x == 0 ? Double.NaN : x).toArray())
                .toList();
        double[] expected = tribuo.score(vectors);
        double[] asMissing = fromBundle.score(zerosAsMissing);
        int differing = 0;
        for (int i = 0; i < expected.length; i++) {
            differing += Math.abs(expected[i] - asMissing[i]) > 1e-6 ? 1 : 0;
        }
        assertThat(differing).as("examples scored differently when zeros are missing").isGreaterThan(0);
    }

    @Test
    void missingValuesTakeXgboostsDefaultBranchAsInTribuo() {
        // NaN is XGBoost's missing value; Tribuo passes it through. Blank a different feature in each example.
        List<double[]> withMissing = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            double[] v = vectors.get(i).clone();
            v[i % v.length] = Double.NaN;
            if (i % 3 == 0) {
                v[(i / 3) % v.length] = Double.NaN;
            }
            withMissing.add(v);
        }

        assertEqualWithin1e6(tribuo.score(withMissing), fromBundle.score(withMissing));
    }

    @Test
    void batchesOfAnySizeScoreAsOneByOne() {
        List<double[]> some = vectors.subList(0, 23);
        double[] batch = fromBundle.score(some);
        for (int size : new int[]{1, 2, 3, 5, 7}) {
            double[] part = fromBundle.score(some.subList(0, size));
            for (int i = 0; i < size; i++) {
                assertThat(part[i]).isEqualTo(batch[i]);
            }
        }
        assertThat(fromBundle.score(List.of())).isEmpty();
    }

    private static double assertEqualWithin1e6(double[] expected, double[] actual) {
        assertThat(actual).hasSameSizeAs(expected);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("example %d", i).isCloseTo(expected[i], within(1e-6));
            max = Math.max(max, Math.abs(actual[i] - expected[i]));
        }
        return max;
    }
}
