package io.vitrine.model;

import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.recall.RecallTables;

/**
 * A verified, loaded bundle.
 *
 * @param manifest its manifest
 * @param model the ranker model
 * @param tables the recall tables
 */
public record ModelBundle(BundleManifest manifest, Model<Label> model, RecallTables tables) {
}
