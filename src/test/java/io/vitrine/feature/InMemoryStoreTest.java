package io.vitrine.feature;

import io.vitrine.catalog.CatalogStore;

class InMemoryStoreTest extends FeatureStoreContract {
    @Override
    protected FeatureStore newStore() {
        return new InMemoryStore(SETTINGS);
    }

    @Override
    protected CatalogStore catalogOf(FeatureStore store) {
        return (InMemoryStore) store;
    }
}
