package io.vitrine.memory;

import io.vitrine.port.ExperimentStore;
import io.vitrine.port.ExperimentStoreContract;

class InMemoryExperimentStoreTest extends ExperimentStoreContract {
    @Override
    protected ExperimentStore newStore() {
        return new InMemoryExperimentStore();
    }
}
