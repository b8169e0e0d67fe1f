package io.vitrine.recommend;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A per-instance cache of slowly changing shared data on the request path (item features, trending lists), valid for a
 * few seconds: one instance serving 200 requests a second reads each popular item once per TTL instead of on every
 * request. Misses of one request are loaded in one batch. What it serves is at most the TTL old (catalog changes, such
 * as blocking an item, reach recommendations within it).
 *
 * @param <V> cached value
 */
final class ShortLivedCache<V> {
    private final Cache<String, V> cache;

    ShortLivedCache(Duration ttl, long maxEntries) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    }

    /** The values of {@code keys}, loading the missing ones with one call of {@code loader}. */
    Map<String, V> getAll(Collection<String> keys, Function<Collection<String>, Map<String, V>> loader) {
        return cache.getAll(keys, missing -> loader.apply(List.copyOf(missing)));
    }
}
