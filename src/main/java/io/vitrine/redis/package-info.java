/**
 * The Redis adapters of the core storage interfaces ({@link io.vitrine.feature.FeatureStore},
 * {@link io.vitrine.catalog.CatalogStore}, {@link io.vitrine.event.EventLog},
 * {@link io.vitrine.recall.RecallTableStore}). Every call is one pipelined batch (no per-item round trips, never
 * {@code KEYS} or {@code SCAN}), waits at most the configured timeout, and reports an unreachable or slow Redis as
 * {@link io.vitrine.store.StoreUnavailableException}. Key layout: see {@link io.vitrine.redis.RedisKeys}; every key
 * carries a hash tag so the layout works on Redis Cluster.
 */
package io.vitrine.redis;
