package io.vitrine.experiment;

class InMemoryExperimentStoreTest extends ExperimentStoreContract {
    @Override
    protected ExperimentStore newStore() {
        return new InMemoryExperimentStore();
    }
}
