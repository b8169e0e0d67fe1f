package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.EntityRef;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.FeatureStoreContract;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.SharedRedis;

/** The feature store contract against a real redis-server. */
class RedisFeatureStoreTest extends FeatureStoreContract {
    private static final RedisCommands STANDALONE = RedisClients.commands(SharedRedis.get());

    /** The Redis the stores under test use: the shared standalone server here, the shared cluster in a subclass. */
    protected RedisCommands redis() {
        return STANDALONE;
    }

    private final Map<FeatureStore, CatalogStore> catalogs = new IdentityHashMap<>();

    @Override
    protected FeatureStore newStore() {
        RedisKeys keys = RedisClients.isolatedKeys();
        FeatureStore store = new RedisFeatureStore(redis(), keys, SETTINGS);
        catalogs.put(store, new RedisCatalogStore(redis(), keys));
        return store;
    }

    @Override
    protected CatalogStore catalogOf(FeatureStore store) {
        return catalogs.get(store);
    }

    /** An id that starts with a closing brace has an empty hash tag: its keys hash whole, to different slots. */
    @Test
    void aUserWhoseIdStartsWithAClosingBraceIsErasedCompletely() {
        FeatureStore store = newStore();
        String user = "}odd{id";
        store.apply(List.of(new FeatureUpdate.Increment(EntityRef.user(user), "n:click", 1),
                new FeatureUpdate.Remember(user, io.vitrine.feature.RecentList.INTERACTED, "i1", 100, 5)));
        assertThat(store.read(user, List.of()).user().interacted()).hasSize(1);

        assertThat(store.eraseUser(user)).isTrue();

        FeatureSnapshot after = store.read(user, List.of());
        assertThat(after.user().fields()).isEmpty();
        assertThat(after.user().interacted()).isEmpty();
    }

    /** A 500-event feedback batch makes thousands of commands: more than the client queues in one pipeline. */
    @Test
    void appliesBatchesLargerThanTheClientsPipelineLimit() {
        FeatureStore store = newStore();
        List<FeatureUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            updates.add(new FeatureUpdate.Increment(EntityRef.item("i" + i), "n:view", 1));
        }

        store.apply(updates);

        FeatureSnapshot snapshot = store.read(null, List.of("i0", "i2500", "i4999"));
        assertThat(snapshot.items().values()).allSatisfy(s -> assertThat(s.fields()).containsEntry("n:view", "1"));
    }
}
