package io.vitrine.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vitrine.model.TrainedFixture;
import io.vitrine.train.TrainingExample;

/** The plain-Java evaluator gives Tribuo's scores, within 1e-6, on held-out examples of a trained model. */
class TreeEnsembleRankerTest {

    @Test
    void scoresEqualTribuosWithin1e6OnTheValidationExamples() {
        var trained = TrainedFixture.result();
        List<double[]> vectors = trained.validation().stream().map(TrainingExample::features).toList();
        assertThat(vectors).hasSizeGreaterThan(500);

        double[] tribuo = new TribuoRanker(trained.model()).score(vectors);
        double[] java = TreeEnsembleRanker.of(trained.model()).score(vectors);

        double maxDifference = 0;
        for (int i = 0; i < tribuo.length; i++) {
            assertThat(java[i]).as("example %d", i).isCloseTo(tribuo[i], within(1e-6));
            maxDifference = Math.max(maxDifference, Math.abs(java[i] - tribuo[i]));
        }
        System.out.printf("tree evaluator vs Tribuo on %d examples: max |difference| %.2e%n", tribuo.length,
                maxDifference);
    }
}
