package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;

class ImplicitAlsTest {
    private static final AlsSettings SETTINGS = AlsSettings.defaults()
            .withFactors(8)
            .withIterations(8)
            .withThreads(2);

    /**
     * Planted blocks: users g0-* only touch items a*, users g1-* only items b*, each a random 5 of the 12 in its group,
     * with weights 1 to 3. 70 users per group, so the per-user solves run on both threads.
     */
    private static InteractionMatrix blocks() {
        SplittableRandom random = new SplittableRandom(11);
        InteractionMatrix.Builder builder = InteractionMatrix.builder();
        for (int group = 0; group < 2; group++) {
            String prefix = group == 0 ? "a" : "b";
            for (int u = 0; u < 70; u++) {
                for (int n = 0; n < 5; n++) {
                    builder.add("g" + group + "-" + u, prefix + random.nextInt(12), 1 + random.nextInt(3));
                }
            }
        }
        return builder.build();
    }

    @Test
    void matrixSumsDuplicatesInBothOrientations() {
        InteractionMatrix m = InteractionMatrix.builder()
                .add("u1", "x", 1)
                .add("u2", "y", 2)
                .add("u1", "y", 3)
                .add("u1", "x", 4)
                .build();

        assertThat(m.userCount()).isEqualTo(2);
        assertThat(m.itemCount()).isEqualTo(2);
        assertThat(m.nonZeroCount()).isEqualTo(3);
        assertThat(m.weight(0, 0)).isEqualTo(5f);
        assertThat(m.weight(0, 1)).isEqualTo(3f);
        assertThat(m.weight(1, 0)).isZero();
        assertThat(m.itemOffsets()).containsExactly(0, 1, 3);
        assertThat(m.itemUsers()).containsExactly(0, 0, 1);
        assertThat(m.itemWeights()).containsExactly(5f, 3f, 2f);
    }

    @Test
    void nearestNeighboursStayInTheirBlock() {
        // The random choice of 5 of 12 items inside a block is noise that a small λ lets spare factors fit, and that
        // noise then shows in item cosines across blocks. A λ in proportion to the confidences (up to 61 here) keeps
        // the factors on the planted structure.
        AlsModel model = new ImplicitAls(SETTINGS.withRegularization(5)).fit(blocks());
        NeighbourLists neighbours = model.itemEmbeddings().nearestNeighbours(5);

        assertThat(neighbours.itemCount()).isEqualTo(24);
        for (String item : neighbours.items()) {
            assertThat(neighbours.neighbours(item))
                    .as("neighbours of %s", item)
                    .hasSize(5)
                    .allSatisfy(n -> {
                        assertThat(n.itemId()).startsWith(item.substring(0, 1));
                        assertThat(n.score()).isGreaterThan(0.3);
                    });
        }
    }

    @Test
    void lossDecreasesAndObservedCellsAreReconstructed() {
        InteractionMatrix matrix = blocks();
        AlsModel model = new ImplicitAls(SETTINGS).fit(matrix);
        double[] loss = model.lossHistory();

        assertThat(loss).hasSize(SETTINGS.iterations() + 1);
        for (int i = 1; i < loss.length; i++) {
            // Exact minimisation never increases the loss; floats allow a tiny slack.
            assertThat(loss[i]).as("loss after iteration %d", i).isLessThanOrEqualTo(loss[i - 1] * (1 + 1e-6));
        }
        assertThat(loss[loss.length - 1]).isLessThan(loss[0] * 0.2);

        double observed = 0;
        double otherBlock = 0;
        int observedCount = 0;
        int otherCount = 0;
        for (int u = 0; u < matrix.userCount(); u++) {
            char group = matrix.users().get(u).charAt(1);
            for (int i = 0; i < matrix.itemCount(); i++) {
                boolean sameBlock = (group == '0') == matrix.items().get(i).startsWith("a");
                if (matrix.weight(u, i) > 0) {
                    observed += model.predict(u, i);
                    observedCount++;
                } else if (!sameBlock) {
                    otherBlock += model.predict(u, i);
                    otherCount++;
                }
            }
        }
        assertThat(observed / observedCount).isGreaterThan(0.8);
        assertThat(Math.abs(otherBlock / otherCount)).isLessThan(0.1);
    }

    @Test
    void itemVectorsSolveTheFullWeightedLeastSquares() {
        // After the last sweep each item vector must minimise its part of the loss given the user vectors. Check the
        // normal equations the slow way, over every user, which is what the YtY + Yt(C-I)Y shortcut must equal:
        // (Σ_u c_ui x_u x_uᵀ + λI) y_i = Σ_u c_ui p_ui x_u.
        InteractionMatrix matrix = blocks();
        AlsModel model = new ImplicitAls(SETTINGS.withIterations(2)).fit(matrix);
        ItemEmbeddings items = model.itemEmbeddings();
        int k = SETTINGS.factors();

        for (String item : List.of("a0", "b7")) {
            int i = matrix.items().indexOf(item);
            float[] y = items.vector(item).orElseThrow();
            double[] lhs = new double[k];
            double[] rhs = new double[k];
            for (int d = 0; d < k; d++) {
                lhs[d] = SETTINGS.regularization() * y[d];
            }
            for (int u = 0; u < matrix.userCount(); u++) {
                float[] x = model.userVector(matrix.users().get(u)).orElseThrow();
                double r = matrix.weight(u, i);
                double c = 1 + SETTINGS.alpha() * r;
                double xy = 0;
                for (int d = 0; d < k; d++) {
                    xy += x[d] * y[d];
                }
                for (int d = 0; d < k; d++) {
                    lhs[d] += c * xy * x[d];
                    rhs[d] += r > 0 ? c * x[d] : 0;
                }
            }
            for (int d = 0; d < k; d++) {
                assertThat(lhs[d]).as("%s, component %d", item, d)
                        .isCloseTo(rhs[d], within(1e-3 + 1e-4 * Math.abs(
                                rhs[d])));
            }
        }
    }

    @Test
    void sameSeedSameResultOnAnyThreadCount() {
        InteractionMatrix matrix = blocks();
        AlsModel twoThreads = new ImplicitAls(SETTINGS).fit(matrix);
        AlsModel oneThread = new ImplicitAls(SETTINGS.withThreads(1)).fit(matrix);
        AlsModel otherSeed = new ImplicitAls(SETTINGS.withSeed(7)).fit(matrix);

        assertThat(oneThread.itemEmbeddings()).isEqualTo(twoThreads.itemEmbeddings());
        assertThat(oneThread.lossHistory()).containsExactly(twoThreads.lossHistory());
        assertThat(oneThread.userVector("g1-3")).get().isEqualTo(twoThreads.userVector("g1-3").get());
        assertThat(otherSeed.itemEmbeddings()).isNotEqualTo(twoThreads.itemEmbeddings());
    }

    @Test
    void cosineNeighboursWorkedByHand() {
        ItemEmbeddings embeddings = ItemEmbeddings.of(List.of("a", "b", "c", "d", "zero"), 2,
                new float[]{1, 0, 2, 2, 0, 3, -1, 0, 0, 0});

        NeighbourLists top2 = embeddings.nearestNeighbours(2, 1);
        float half = (float) Math.sqrt(0.5);
        assertThat(top2.items()).containsExactly("a", "b", "c", "d");
        assertThat(top2.neighbours("a")).containsExactly(new ScoredItem("b", half), new ScoredItem("c", 0f));
        // a and c tie with b; ties go by id.
        assertThat(top2.neighbours("b")).containsExactly(new ScoredItem("a", half), new ScoredItem("c", half));
        assertThat(top2.neighbours("d")).containsExactly(new ScoredItem("c", 0f), new ScoredItem("b", -half));
        assertThat(top2.neighbours("zero")).isEmpty();
        assertThat(embeddings.nearestNeighbours(10, 2)).isEqualTo(embeddings.nearestNeighbours(10, 1));
    }
}
