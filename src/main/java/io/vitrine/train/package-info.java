/**
 * Offline training: replaying the event history through the online feature code into an in-memory store to build
 * point-in-time examples ({@link io.vitrine.train.ExampleBuilder}: an example only sees events strictly before its own
 * time), a time-based validation split, Tribuo XGBoost training ({@link io.vitrine.train.RankerTrainer}) and its
 * evaluation against a popularity baseline ({@link io.vitrine.train.RankingMetrics}), recall tables from the same
 * replay, and the publication of the outcome as a bundle. {@link io.vitrine.train.PipelineEvaluation} runs the served
 * {@link io.vitrine.pipeline.Pipeline} over the replayed state.
 */
package io.vitrine.train;
