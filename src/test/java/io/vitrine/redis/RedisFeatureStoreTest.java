package io.vitrine.redis;

import java.util.IdentityHashMap;
import java.util.Map;

import io.vitrine.catalog.CatalogStore;
import io.vitrine.feature.FeatureStore;
import io.vitrine.feature.FeatureStoreContract;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.SharedRedis;

/** The feature store contract against a real redis-server. */
class RedisFeatureStoreTest extends FeatureStoreContract {
    private static final RedisCommands REDIS = RedisClients.commands(SharedRedis.get());
    private final Map<FeatureStore, CatalogStore> catalogs = new IdentityHashMap<>();

    @Override
    protected FeatureStore newStore() {
        RedisKeys keys = RedisClients.isolatedKeys();
        FeatureStore store = new RedisFeatureStore(REDIS, keys, SETTINGS);
        catalogs.put(store, new RedisCatalogStore(REDIS, keys));
        return store;
    }

    @Override
    protected CatalogStore catalogOf(FeatureStore store) {
        return catalogs.get(store);
    }
}
