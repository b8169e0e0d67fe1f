package io.vitrine.abtest;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import io.vitrine.experiment.Experiment;
import io.vitrine.port.ExperimentStore;
import io.vitrine.port.StoreUnavailableException;

/**
 * The experiments an instance serves with: read from the store at most once per refresh interval, lazily on a request
 * (serverless instances are frozen between requests), by one thread at a time while the others use the previous list.
 * When the store is unreachable the last list is kept.
 */
public final class ExperimentRegistry {
    private static final System.Logger LOG = System.getLogger(ExperimentRegistry.class.getName());

    private final ExperimentStore store;
    private final Duration interval;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile List<Experiment> experiments = List.of();
    private volatile Instant loadedAt = Instant.MIN;

    /** @param interval how long a read of the store is used before the next */
    public ExperimentRegistry(ExperimentStore store, Duration interval, Clock clock) {
        this.store = store;
        this.interval = interval;
        this.clock = clock;
    }

    /** Every known experiment, refreshed if due, in id order. */
    public List<Experiment> all() {
        refreshIfDue();
        return experiments;
    }

    /** A known experiment. */
    public Optional<Experiment> get(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Reads the store now (after an admin write on this instance, so it serves its own change at once). */
    public void refresh() {
        refreshing.lock();
        try {
            load();
        } finally {
            refreshing.unlock();
        }
    }

    private void refreshIfDue() {
        if (clock.instant().isBefore(loadedAt.plus(interval)) || !refreshing.tryLock()) {
            return;
        }
        try {
            if (!clock.instant().isBefore(loadedAt.plus(interval))) {
                load();
            }
        } finally {
            refreshing.unlock();
        }
    }

    private void load() {
        try {
            experiments = store.all().stream().sorted(Comparator.comparing(Experiment::id)).toList();
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "Experiment store unavailable, keeping the {0} experiments read before: {1}",
                    experiments.size(), e.getMessage());
        }
        loadedAt = clock.instant();
    }
}
