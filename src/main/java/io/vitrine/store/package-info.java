/**
 * What every storage interface of the core shares: the exception that tells callers a backing store (Redis, object
 * storage) is unreachable or too slow, so the HTTP layer can answer 503 with {@code Retry-After} for writes and fall
 * back to degraded answers for reads, instead of a 500.
 */
package io.vitrine.store;
