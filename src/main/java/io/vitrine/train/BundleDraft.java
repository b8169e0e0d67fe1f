package io.vitrine.train;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vitrine.feature.FeatureSettings;
import io.vitrine.model.BundleManifest;
import io.vitrine.rank.RankingFeatures;

/** The manifest content a training run knows (the publisher adds version, time and checksums). */
public final class BundleDraft {
    private BundleDraft() {
    }

    public static BundleManifest of(TrainingPipeline.Result result) {
        FeatureSettings settings = result.settings();
        TrainerParameters parameters = result.options().ranker();
        ExampleOptions options = result.options().examples();
        TrainingReport r = result.report();
        Map<String, Object> featureSettings = new LinkedHashMap<>();
        featureSettings.put("recentItemsCap", settings.recentItemsCap());
        featureSettings.put("affinityHalfLife", settings.affinityHalfLife().toString());
        featureSettings.put("popularityHalfLife", settings.popularityHalfLife().toString());
        featureSettings.put("trendingHalfLife", settings.trendingHalfLife().toString());
        featureSettings.put("ctrPriorImpressions", settings.ctrPriorImpressions());
        featureSettings.put("ctrPriorMean", settings.ctrPriorMean());
        Map<String, Object> trainer = new LinkedHashMap<>(parameters.asMap());
        trainer.put("examples", options.mode().name());
        trainer.put("attributionWindow", options.attributionWindow().toString());
        trainer.put("negativeKeepRate", options.negativeKeepRate());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", r.auc());
        metrics.put("logLoss", r.logLoss());
        metrics.put("ndcg@10", r.model().ndcg());
        metrics.put("hr@10", r.model().hitRate());
        metrics.put("mostPop.ndcg@10", r.mostPopular().ndcg());
        metrics.put("mostPop.hr@10", r.mostPopular().hitRate());
        metrics.put("rankingCases", (double) r.model().cases());
        metrics.put("calibrationError", r.calibration().expectedError());
        if (r.recallOrder() != null) {
            metrics.put("recall.ndcg@10", r.recallOrder().ndcg());
            metrics.put("recall.hr@10", r.recallOrder().hitRate());
        }
        TrainingPipeline.Replay replay = result.replay();
        return new BundleManifest(BundleManifest.FORMAT_VERSION, null, null,
                new BundleManifest.ModelInfo("model.tribuo", "tribuo-protobuf", "tribuo-xgboost-classification",
                        trainer),
                new BundleManifest.FeatureSchema(RankingFeatures.SCHEMA_VERSION, RankingFeatures.schemaHash(settings),
                        RankingFeatures.NAMES),
                featureSettings,
                new BundleManifest.DataWindow(replay.firstEvent().map(Object::toString).orElse(null),
                        replay.lastEvent().map(Object::toString).orElse(null),
                        options.validationFrom().toString(), replay.events(), r.trainExamples(),
                        r.validationExamples()),
                metrics, Map.of()).withReport(report(r));
    }

    /** The report of the manifest; its plot is {@link ReportPlot#FILE}. */
    static BundleManifest.Report report(TrainingReport r) {
        Map<String, BundleManifest.Ranking> ranking = new LinkedHashMap<>();
        ranking.put("model", ranking(r.model()));
        if (r.recallOrder() != null) {
            ranking.put("recall", ranking(r.recallOrder()));
        }
        ranking.put("mostPopular", ranking(r.mostPopular()));
        return new BundleManifest.Report(ReportPlot.FILE, r.featureImportance(), ranking,
                r.calibration()
                        .bins()
                        .stream()
                        .map(b -> new BundleManifest.CalibrationBin(b.from(), b.to(),
                                b.examples(), b.meanPredicted(), b.observedRate()))
                        .toList(),
                r.calibration().expectedError());
    }

    private static BundleManifest.Ranking ranking(RankingMetrics.TopK t) {
        return new BundleManifest.Ranking(t.ndcg(), t.hitRate(), t.cases());
    }
}
