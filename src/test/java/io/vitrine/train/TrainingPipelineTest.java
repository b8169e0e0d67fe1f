package io.vitrine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.recall.RecallTables;

/** The demo marketplace is learnable: a trained ranker beats popularity on held-out days. */
class TrainingPipelineTest {

    @Test
    void demoDataOfAFixedSeedTrainsARankerThatBeatsMostPop() {
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        DemoSettings demo = new DemoSettings(800, 200, 14, 42, end);
        DemoMarketplace market = new DemoMarketplace(demo);
        ExampleOptions options = new ExampleOptions(ExampleOptions.Mode.IMPRESSIONS, Duration.ofMinutes(30), 4,
                1.0, end.minus(Duration.ofDays(3)), 100, 1000, 7);
        TrainerParameters parameters = new TrainerParameters(60, 5, 0.15, 0.9, 0.9, 1, 1, 0, 2, 7);

        TrainingPipeline.Result result = new TrainingPipeline(FeatureSettings.defaults(), PipelineSettings.defaults(),
                new TrainingOptions(options, parameters, 800_000, AlsSettings.defaults().withThreads(2),
                        EaseSettings.defaults()))
                .run(market.items(), market::events, n -> {
                });

        TrainingReport report = result.report();
        System.out.printf("demo(800 users, 200 items, 14 days, seed 42): %d train / %d validation examples, AUC %.3f,"
                + " log-loss %.3f, NDCG@10 %.3f vs MostPop %.3f, HR@10 %.3f vs %.3f over %d cases%n",
                report.trainExamples(), report.validationExamples(), report.auc(), report.logLoss(),
                report.model().ndcg(), report.mostPopular().ndcg(), report.model().hitRate(),
                report.mostPopular().hitRate(), report.model().cases());
        assertThat(report.auc()).isGreaterThanOrEqualTo(0.75);
        assertThat(report.model().ndcg()).isGreaterThan(report.mostPopular().ndcg());
        assertThat(report.model().cases()).isGreaterThan(300);
        assertThat(report.featureImportance()).isNotEmpty();
        // The recall tables come from the same replay.
        assertThat(result.tables().neighbours(RecallTables.COOCCURRENCE).itemCount()).isGreaterThan(100);
        assertThat(result.tables().embeddings().itemCount()).isGreaterThan(100);
        assertThat(result.tables().popularity().category("phone")).isNotEmpty();
    }

    @Test
    void measuringWithoutValidationExamplesSaysSoInsteadOfFailingInTheAuc() {
        // The Spark trainer measures through this with the examples it collected; on too little data there are none.
        assertThatThrownBy(() -> TrainingPipeline.measured(null, 0, 0, 0, 0, List.of(), List.of(), Map.of(), 0, 0, 0,
                0, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no validation examples: use more data or another split");
    }
}
