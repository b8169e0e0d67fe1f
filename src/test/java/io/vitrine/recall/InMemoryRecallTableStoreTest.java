package io.vitrine.recall;

/** The recall table store contract in memory. */
class InMemoryRecallTableStoreTest extends RecallTableStoreContract {
    @Override
    protected RecallTableStore newStore() {
        return new InMemoryRecallTableStore();
    }
}
