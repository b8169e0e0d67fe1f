package io.vitrine.recommend;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.ScoredItem;
import io.vitrine.pipeline.Lookups;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.FeatureStore;

/**
 * The reads the pipeline makes besides the user's own features, through short-lived per-instance caches: item features,
 * live trending lists and new-arrival lists. One instance serving hundreds of requests a second then reads a popular
 * item once per {@code cache-ttl} instead of on every request, and the misses of one request in one batch. User
 * features are never cached.
 */
final class CachedReads {
    private final FeatureStore features;
    private final CatalogStore catalog;
    private final FeatureSettings featureSettings;
    private final Clock clock;
    private final ShortLivedCache<ItemFeatures> items;
    private final ShortLivedCache<List<ScoredItem>> trending;
    private final ShortLivedCache<List<ScoredItem>> newArrivals;
    private final Lookups lookups;

    CachedReads(FeatureStore features, CatalogStore catalog, FeatureSettings featureSettings, Clock clock,
            ServingSettings settings) {
        this.features = features;
        this.catalog = catalog;
        this.featureSettings = featureSettings;
        this.clock = clock;
        this.items = new ShortLivedCache<>(settings.cacheTtl(), settings.cacheSize());
        this.trending = new ShortLivedCache<>(settings.cacheTtl(), 10_000);
        this.newArrivals = new ShortLivedCache<>(settings.cacheTtl(), 10_000);
        this.lookups = new Lookups(this::items, this::trending, this::newArrivals);
    }

    /** The cached reads as the pipeline takes them. */
    Lookups lookups() {
        return lookups;
    }

    /**
     * The features of many items, the missing ones read in one batch and interpreted as of the read (cached entries are
     * at most the TTL old, whatever {@code now} the caller asks for).
     */
    Map<String, ItemFeatures> items(Collection<String> ids, Instant now) {
        return items(ids);
    }

    /** The features of many items, the missing ones read in one batch. */
    Map<String, ItemFeatures> items(Collection<String> ids) {
        return items.getAll(ids, missing -> {
            FeatureSnapshot snapshot = features.read(null, missing);
            Instant readAt = clock.instant();
            Map<String, ItemFeatures> out = new LinkedHashMap<>();
            snapshot.items().forEach((id, state) -> out.put(id, ItemFeatures.of(state, readAt, featureSettings)));
            return out;
        });
    }

    private Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now) {
        return cachedLists(trending, scopes, limit, missing -> features.trending(missing, limit, now));
    }

    /** New-arrival lists (a few seconds of staleness in a list of the last weeks). */
    private Map<String, List<ScoredItem>> newArrivals(List<String> scopes, Instant since, int limit) {
        return cachedLists(newArrivals, scopes, limit, missing -> catalog.newArrivals(missing, since, limit));
    }

    /** Lists by scope through a cache whose keys include the length asked for. */
    private static Map<String, List<ScoredItem>> cachedLists(ShortLivedCache<List<ScoredItem>> cache,
            List<String> scopes, int limit, Function<List<String>, Map<String, List<ScoredItem>>> load) {
        Map<String, List<ScoredItem>> byKey = cache.getAll(scopes.stream().map(s -> limit + "|" + s).toList(),
                missing -> {
                    List<String> missingScopes = missing.stream().map(k -> k.substring(k.indexOf('|') + 1)).toList();
                    Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
                    load.apply(missingScopes).forEach((scope, list) -> out.put(limit + "|" + scope, list));
                    return out;
                });
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        for (String scope : scopes) {
            out.put(scope, byKey.getOrDefault(limit + "|" + scope, List.of()));
        }
        return out;
    }
}
