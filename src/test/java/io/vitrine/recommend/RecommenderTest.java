package io.vitrine.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecommenderTest {

    @Test
    void blendFusesTheModelsRanksWithTheRecallOrder() {
        // Recall order: candidates 0, 1, 2. Model order: 1, 2, 0.
        double[] model = {0.1, 0.9, 0.5};

        double[] even = Recommender.blend(model, 1);
        assertThat(even[0]).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-15));
        assertThat(even[1]).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-15));
        assertThat(even[2]).isCloseTo(1.0 / 62 + 1.0 / 63, within(1e-15));
        assertThat(order(even)).containsExactly(1, 0, 2);

        // A heavy recall weight keeps the recall order.
        assertThat(order(Recommender.blend(model, 100))).containsExactly(0, 1, 2);
    }

    @Test
    void modelTiesKeepTheRecallOrder() {
        double[] blended = Recommender.blend(new double[]{0.3, 0.3, 0.3}, 0.5);
        assertThat(order(blended)).containsExactly(0, 1, 2);
        assertThat(blended[0]).isCloseTo(1.5 / 61, within(1e-15));
    }

    @Test
    void recallWeightIsChecked() {
        assertThatThrownBy(() -> new Recommender(List.of(), Map.of(), Map.of(), 10, null, -1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                () -> new Recommender(List.of(), Map.of(), Map.of(), 10, null, Double.NaN, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Indices by descending score. */
    private static List<Integer> order(double[] scores) {
        return java.util.stream.IntStream.range(0, scores.length)
                .boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a]))
                .toList();
    }
}
