/**
 * In-memory adapters of the ports: the feature and catalog store the trainer replays history into (the same
 * {@link io.vitrine.feature.FeatureUpdater} updates the Redis store applies online), and an event log and experiment
 * store for tests. They pass the same contract suites as the Redis adapters.
 */
package io.vitrine.memory;
