/**
 * Ranking: the one definition of the ranking feature vector ({@link io.vitrine.rank.RankingFeatures}, versioned and
 * hashed so a model is only ever served with the feature code it was trained with) and the
 * {@link io.vitrine.rank.Ranker} that scores candidates in one batch, with a thin adapter over a Tribuo XGBoost model
 * ({@link io.vitrine.rank.TribuoRanker}). The trainer builds examples with the same vector code the server uses.
 */
package io.vitrine.rank;
