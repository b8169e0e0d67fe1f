package io.vitrine.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.ExperimentStatus;
import io.vitrine.experiment.Variant;

/** The behaviour every {@link ExperimentStore} must have. Subclasses provide a fresh, empty store. */
public abstract class ExperimentStoreContract {
    private ExperimentStore store;

    protected abstract ExperimentStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static Experiment experiment(String id, long revision) {
        return new Experiment(id, "ui.home", "salt-" + id, ExperimentStatus.RUNNING, 0.25, 100,
                List.of(new Variant("control", 1, Map.of()),
                        new Variant("big", 2.5, Map.of("size", "xl", "rows", 3, "animated", true))),
                revision, Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void storesAndReadsBackEveryField() {
        assertThat(store.put(experiment("a", 1), 0)).isTrue();
        assertThat(store.put(experiment("b", 1), 0)).isTrue();

        assertThat(store.get("a")).contains(experiment("a", 1));
        assertThat(store.get("missing")).isEmpty();
        assertThat(store.all()).containsExactlyInAnyOrder(experiment("a", 1), experiment("b", 1));
    }

    @Test
    void aWriteBasedOnAStaleRevisionIsRefused() {
        assertThat(store.put(experiment("a", 1), 0)).isTrue();
        assertThat(store.put(experiment("a", 1), 0)).as("create over an existing one").isFalse();
        assertThat(store.put(experiment("a", 2), 1)).isTrue();
        assertThat(store.put(experiment("a", 3), 1)).as("based on revision 1, stored is 2").isFalse();

        assertThat(store.get("a").orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void deleteChecksTheRevision() {
        store.put(experiment("a", 1), 0);

        assertThat(store.delete("a", 2)).isFalse();
        assertThat(store.delete("missing", 0)).isFalse();
        assertThat(store.delete("a", 1)).isTrue();
        assertThat(store.get("a")).isEmpty();
    }

    @Test
    void theSigningKeyIsCreatedOnceAndShared() {
        byte[] first = store.signingKey();

        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(store.signingKey()).isEqualTo(first);
    }
}
