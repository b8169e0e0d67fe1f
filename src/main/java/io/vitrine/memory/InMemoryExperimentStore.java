package io.vitrine.memory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.vitrine.experiment.Experiment;
import io.vitrine.port.ExperimentStore;

/** Experiments in memory (tests, local runs). */
public final class InMemoryExperimentStore implements ExperimentStore {
    private final Map<String, Experiment> experiments = new TreeMap<>();
    private byte[] signingKey;

    @Override
    public synchronized List<Experiment> all() {
        return new ArrayList<>(experiments.values());
    }

    @Override
    public synchronized Optional<Experiment> get(String id) {
        return Optional.ofNullable(experiments.get(id));
    }

    @Override
    public synchronized boolean put(Experiment experiment, long expectedRevision) {
        Experiment stored = experiments.get(experiment.id());
        if ((stored == null ? 0 : stored.revision()) != expectedRevision) {
            return false;
        }
        experiments.put(experiment.id(), experiment);
        return true;
    }

    @Override
    public synchronized boolean delete(String id, long expectedRevision) {
        Experiment stored = experiments.get(id);
        if (stored == null || stored.revision() != expectedRevision) {
            return false;
        }
        experiments.remove(id);
        return true;
    }

    @Override
    public synchronized byte[] signingKey() {
        if (signingKey == null) {
            signingKey = new byte[32];
            new SecureRandom().nextBytes(signingKey);
        }
        return signingKey.clone();
    }
}
