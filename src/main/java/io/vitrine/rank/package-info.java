/**
 * Ranking: the one definition of the ranking feature vector ({@link io.vitrine.rank.RankingFeatures}, versioned and
 * hashed so a model is only ever served with the feature code it was trained with) and the
 * {@link io.vitrine.rank.Ranker} that scores candidates in one batch. A trained Tribuo XGBoost model is exported to
 * Vitrine's own trees format ({@link io.vitrine.rank.TreeEnsemble}, written by {@link io.vitrine.rank.XGBoostTrees} at
 * training time), which {@link io.vitrine.rank.TreeEnsembleRanker} evaluates in plain Java without Tribuo or
 * libxgboost; {@link io.vitrine.rank.TribuoRanker} is the thin adapter over the Tribuo model itself. The trainer builds
 * examples with the same vector code the server uses.
 */
package io.vitrine.rank;
