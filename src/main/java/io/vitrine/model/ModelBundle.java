package io.vitrine.model;

import io.vitrine.rank.Ranker;
import io.vitrine.rank.TreeEnsembleRanker;
import io.vitrine.recall.RecallTables;

/**
 * A verified, loaded bundle.
 *
 * @param manifest its manifest
 * @param tables the recall tables
 * @param ranker the model's scorer for serving, built once at load by the chosen {@link Evaluator}
 */
public record ModelBundle(BundleManifest manifest, RecallTables tables, Ranker ranker) {

    /** How a served model is evaluated. */
    public enum Evaluator {
        /**
         * Tribuo's batch prediction over {@code model.tribuo} (libxgboost through xgboost4j); reads bundles of every
         * manifest format.
         */
        TRIBUO,
        /**
         * {@link TreeEnsembleRanker} over the bundle's trees file: equal scores within 1e-6, no Tribuo, xgboost4j or
         * native library at serve time ({@code model.tribuo} is checksummed but not deserialized); needs a bundle of
         * manifest format 2 or later.
         */
        JAVA
    }
}
