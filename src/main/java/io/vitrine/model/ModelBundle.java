package io.vitrine.model;

import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.rank.Ranker;
import io.vitrine.rank.TreeEnsembleRanker;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.recall.RecallTables;

/**
 * A verified, loaded bundle.
 *
 * @param manifest its manifest
 * @param model the ranker model
 * @param tables the recall tables
 * @param ranker the model's scorer for serving (its trees evaluated in plain Java), built once at load
 */
public record ModelBundle(BundleManifest manifest, Model<Label> model, RecallTables tables, Ranker ranker) {

    /**
     * A bundle scored by the chosen evaluator.
     *
     * @param evaluator {@link Evaluator#TRIBUO} (libxgboost through Tribuo, the fastest on the JVM) or
     *            {@link Evaluator#JAVA} (the same trees in plain Java, for native images without libxgboost)
     */
    public static ModelBundle of(BundleManifest manifest, Model<Label> model, RecallTables tables,
            Evaluator evaluator) {
        Ranker ranker = evaluator == Evaluator.JAVA ? TreeEnsembleRanker.of(model) : new TribuoRanker(model);
        return new ModelBundle(manifest, model, tables, ranker);
    }

    /** How a served model is evaluated. */
    public enum Evaluator {
        /** Tribuo's batch prediction (native XGBoost). */
        TRIBUO,
        /** {@link TreeEnsembleRanker}: equal scores within 1e-6, no native library. */
        JAVA
    }
}
