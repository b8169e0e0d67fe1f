/**
 * The Redis adapters of the core storage interfaces ({@link io.vitrine.port.FeatureStore},
 * {@link io.vitrine.port.CatalogStore}, {@link io.vitrine.port.EventLog}, {@link io.vitrine.port.ExperimentStore}),
 * with the stored forms of events and experiments ({@link io.vitrine.redis.EventCodec},
 * {@link io.vitrine.redis.ExperimentCodec}). Every call is one pipelined batch (no per-item round trips, never
 * {@code KEYS} or {@code SCAN}), waits at most the configured timeout, and reports an unreachable or slow Redis as *
 * {@link io.vitrine.port.StoreUnavailableException}. Key layout: see {@link io.vitrine.redis.RedisKeys}; every key
 * carries a hash tag so the layout works on Redis Cluster, where {@link io.vitrine.redis.ClusterPipeline} splits each
 * pipeline by slot owner (one batch per master, in parallel) and follows redirects. The CDI beans here are edge
 * plumbing: {@link io.vitrine.redis.ConfiguredRedisOptions} keeps the options Quarkus built for its client, and
 * {@link io.vitrine.redis.RedisAccessReadiness} reports a user Redis refuses.
 */
package io.vitrine.redis;
