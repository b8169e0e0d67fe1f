package io.vitrine.recommend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    /**
     * The values of {@code keys}, loading the missing ones with one call of {@code loader}. Hits are looked up one by
     * one into one map: the request path reads 500 cached items a request, and Caffeine's bulk {@code getAll} builds
     * two ordered maps of them on the way.
     */
    Map<String, V> getAll(Collection<String> keys, Function<Collection<String>, Map<String, V>> loader) {
        Map<String, V> found = new HashMap<>(Math.max(16, keys.size() * 4 / 3 + 1));
        List<String> missing = null;
        for (String key : keys) {
            V value = cache.getIfPresent(key);
            if (value != null) {
                found.put(key, value);
            } else {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(key);
            }
        }
        if (missing != null) {
            found.putAll(cache.getAll(missing, absent -> loader.apply(List.copyOf(absent))));
        }
        return found;
    }
}
