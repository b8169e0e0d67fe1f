package io.vitrine.cli;

import java.io.PrintWriter;
import java.util.Map;

import io.vitrine.train.Calibration;
import io.vitrine.train.RankingMetrics;
import io.vitrine.train.TrainingPipeline;
import io.vitrine.train.TrainingReport;

/** Prints a training report for a person: what was trained on, how it did, and what it learnt from. */
final class TrainingReports {
    /** Features listed, most important first. */
    private static final int TOP_FEATURES = 12;

    private TrainingReports() {
    }

    static void print(PrintWriter out, TrainingReport r) {
        out.printf("examples: %d built for training, %d trained on (%d engaged), %d validation; XGBoost trained in"
                + " %.1f s; recall tables built in %.1f s%n", r.builtTrainExamples(), r.trainExamples(),
                r.trainPositives(), r.validationExamples(), r.trainingSeconds(), r.recallSeconds());
        if (r.labels() > 0) {
            out.printf("held-out engagements: %d, of which the recall plan recalled %d (%.1f%%)%n", r.labels(),
                    r.recalledLabels(), 100.0 * r.recalledLabels() / r.labels());
        }
        out.printf("validation: AUC %.4f, log-loss %.4f, calibration error %.4f%n", r.auc(), r.logLoss(),
                r.calibration().expectedError());
        RankingMetrics.TopK m = r.model();
        out.printf("top-%d over %d %s:%n", TrainingPipeline.K, m.cases(), r.recallOrder() != null
                ? "validation users' candidate lists (every held-out engagement relevant)"
                : "cases (engaged item among sampled candidates)");
        row(out, "model", m);
        if (r.recallOrder() != null) {
            row(out, "recall", r.recallOrder());
        }
        row(out, "MostPop", r.mostPopular());
        out.println("calibration (predicted -> observed, examples):");
        for (Calibration.Bin b : r.calibration().bins()) {
            out.printf("  %.1f-%.1f  %.4f -> %.4f  %d%n", b.from(), b.to(), b.meanPredicted(), b.observedRate(),
                    b.examples());
        }
        out.println("feature importance (gain), top " + TOP_FEATURES + ":");
        int shown = 0;
        for (Map.Entry<String, Double> e : r.featureImportance().entrySet()) {
            if (shown++ == TOP_FEATURES) {
                break;
            }
            out.printf("  %-28s %10.2f%n", e.getKey(), e.getValue());
        }
    }

    private static void row(PrintWriter out, String name, RankingMetrics.TopK t) {
        out.printf("  %-8s NDCG@%d %.4f  HR@%d %.4f%n", name, t.k(), t.ndcg(), t.k(), t.hitRate());
    }
}
