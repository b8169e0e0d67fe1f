/**
 * The Redis adapters of the core storage interfaces ({@link io.vitrine.feature.FeatureStore},
 * {@link io.vitrine.catalog.CatalogStore}, {@link io.vitrine.event.EventLog},
 * {@link io.vitrine.recall.RecallTableStore}). Every call is one pipelined batch (no per-item round trips, never
 * {@code KEYS} or {@code SCAN}), waits at most the configured timeout, and reports an unreachable or slow Redis as
 * {@link io.vitrine.store.StoreUnavailableException}. Key layout: see {@link io.vitrine.redis.RedisKeys}; every key
 * carries a hash tag so the layout works on Redis Cluster, where {@link io.vitrine.redis.ClusterPipeline} splits each
 * pipeline by slot owner (one batch per master, in parallel) and follows redirects. The CDI beans here are edge
 * plumbing: {@link io.vitrine.redis.ConfiguredRedisOptions} keeps the options Quarkus built for its client, and
 * {@link io.vitrine.redis.RedisAccessReadiness} reports a user Redis refuses.
 */
package io.vitrine.redis;
