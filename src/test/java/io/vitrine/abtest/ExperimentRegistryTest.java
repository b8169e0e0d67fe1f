package io.vitrine.abtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.TestExperiments;
import io.vitrine.memory.InMemoryExperimentStore;
import io.vitrine.port.ExperimentStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.testing.MutableClock;

class ExperimentRegistryTest {

    @Test
    void aChangeMadeElsewhereIsServedOnceTheRefreshIntervalHasPassed() {
        InMemoryExperimentStore store = new InMemoryExperimentStore();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
        ExperimentRegistry registry = new ExperimentRegistry(store, Duration.ofSeconds(10), clock);
        assertThat(registry.all()).isEmpty();

        store.put(TestExperiments.running("new", "recommend", 1, 0, 1, 1), 0);
        clock.advance(Duration.ofSeconds(9));
        assertThat(registry.all()).as("within the interval").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(registry.all()).extracting(Experiment::id).containsExactly("new");
    }

    @Test
    void theLastListIsKeptWhileTheStoreIsUnavailable() {
        InMemoryExperimentStore working = new InMemoryExperimentStore();
        working.put(TestExperiments.running("kept", "recommend", 1, 0, 1, 1), 0);
        boolean[] down = {false};
        ExperimentStore flaky = new ExperimentStore() {
            @Override
            public List<Experiment> all() {
                if (down[0]) {
                    throw new StoreUnavailableException("redis down", null);
                }
                return working.all();
            }

            @Override
            public java.util.Optional<Experiment> get(String id) {
                return working.get(id);
            }

            @Override
            public boolean put(Experiment experiment, long expectedRevision) {
                return working.put(experiment, expectedRevision);
            }

            @Override
            public boolean delete(String id, long expectedRevision) {
                return working.delete(id, expectedRevision);
            }

            @Override
            public byte[] signingKey() {
                return working.signingKey();
            }
        };
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
        ExperimentRegistry registry = new ExperimentRegistry(flaky, Duration.ofSeconds(10), clock);
        assertThat(registry.all()).hasSize(1);

        down[0] = true;
        clock.advance(Duration.ofSeconds(60));
        assertThat(registry.all()).extracting(Experiment::id).containsExactly("kept");
    }
}
