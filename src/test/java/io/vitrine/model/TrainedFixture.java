package io.vitrine.model;

import java.time.Duration;
import java.time.Instant;

import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.train.BundleDraft;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;

/** A small trained model and its manifest draft, trained once per test JVM. */
public final class TrainedFixture {
    public static final FeatureSettings SETTINGS = FeatureSettings.defaults();
    public static final String SCHEMA = RankingFeatures.schemaHash(SETTINGS);
    private static TrainingPipeline.Result result;
    private static BundleManifest draft;

    private TrainedFixture() {
    }

    public static synchronized TrainingPipeline.Result result() {
        if (result == null) {
            Instant end = Instant.parse("2026-11-01T00:00:00Z");
            DemoMarketplace market = new DemoMarketplace(new DemoSettings(300, 80, 7, 11, end));
            ExampleOptions options = new ExampleOptions(ExampleOptions.Mode.IMPRESSIONS, Duration.ofMinutes(30), 4,
                    1.0, end.minus(Duration.ofDays(2)), 20, 100, 3);
            TrainerParameters parameters = new TrainerParameters(20, 4, 0.3, 1, 1, 1, 1, 0, 2, 3);
            result = new TrainingPipeline(SETTINGS, PipelineSettings.defaults(),
                    new TrainingOptions(options, parameters, 400_000,
                            AlsSettings.defaults().withFactors(8).withIterations(3).withThreads(2),
                            EaseSettings.defaults()))
                    .run(market.items(), market::events, n -> {
                    });
            draft = BundleDraft.of(result);
        }
        return result;
    }

    public static synchronized BundleManifest draft() {
        result();
        return draft;
    }
}
