/**
 * The ports: every interface through which the core and the use cases reach storage, in one place.
 * {@link io.vitrine.port.FeatureStore} (online features and trending lists), {@link io.vitrine.port.CatalogStore}
 * (items, profiles, new arrivals), {@link io.vitrine.port.EventLog} (the append-only, exactly-once event log),
 * {@link io.vitrine.port.ExperimentStore} (experiment definitions) and {@link io.vitrine.port.ObjectStore} (model
 * bundles). Adapters implement them: {@code io.vitrine.redis} (the first four), {@code io.vitrine.storage} (a directory
 * or S3-compatible object storage) and {@code io.vitrine.memory} (the trainer's replay and tests); every implementation
 * of a port passes the same contract suite. Failures that mean "the store cannot serve now" are
 * {@link io.vitrine.port.StoreUnavailableException} (503 with {@code Retry-After} for writes, degraded answers for
 * reads); {@link io.vitrine.port.Deadline} carries a stage's time budget down to every store call.
 */
package io.vitrine.port;
