package io.vitrine.memory;

import io.vitrine.port.CatalogStore;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.FeatureStoreContract;

class InMemoryFeatureStoreTest extends FeatureStoreContract {
    @Override
    protected FeatureStore newStore() {
        return new InMemoryFeatureStore(SETTINGS);
    }

    @Override
    protected CatalogStore catalogOf(FeatureStore store) {
        return (InMemoryFeatureStore) store;
    }
}
