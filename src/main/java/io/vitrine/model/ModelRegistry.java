package io.vitrine.model;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.vitrine.port.StoreUnavailableException;

/**
 * The bundle being served, swapped atomically when {@code LATEST} names a new version that passes every check. A broken
 * or unreachable new version never replaces the last good one. Checks happen on a schedule and, because serverless
 * instances are frozen between requests, also lazily on a request once the interval has passed; only one thread checks
 * at a time and requests never wait for it.
 */
public final class ModelRegistry {
    private static final System.Logger LOG = System.getLogger(ModelRegistry.class.getName());

    private static final int MAX_PINNED = 4;

    private final BundleReader reader;
    private final Duration interval;
    private final Clock clock;
    private final AtomicReference<ModelBundle> current = new AtomicReference<>();
    private final AtomicReference<Status> status;
    private final ReentrantLock checking = new ReentrantLock();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Map<String, ModelBundle> pinned = new ConcurrentHashMap<>();
    private final Map<String, Instant> pinFailures = new ConcurrentHashMap<>();

    /** @param interval how often {@code LATEST} is checked */
    public ModelRegistry(BundleReader reader, Duration interval, Clock clock) {
        this.reader = reader;
        this.interval = interval;
        this.clock = clock;
        this.status = new AtomicReference<>(new Status(null, null, null, null, null));
    }

    /** The bundle to serve; empty until one was loaded. Never blocks. */
    public Optional<ModelBundle> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * A specific published version, for experiments that serve several versions at once: the current bundle when it is
     * that version, otherwise loaded (verified like any bundle) on first use and kept. A version that cannot be loaded
     * is empty and retried after the poll interval. At most {@value #MAX_PINNED} versions are kept beside the current
     * one.
     */
    public Optional<ModelBundle> version(String version) {
        ModelBundle serving = current.get();
        if (serving != null && serving.manifest().version().equals(version)) {
            return Optional.of(serving);
        }
        ModelBundle kept = pinned.get(version);
        if (kept != null) {
            return Optional.of(kept);
        }
        Instant failedAt = pinFailures.get(version);
        if (failedAt != null && clock.instant().isBefore(failedAt.plus(interval))) {
            return Optional.empty();
        }
        synchronized (pinned) {
            kept = pinned.get(version);
            if (kept != null) {
                return Optional.of(kept);
            }
            try {
                ModelBundle loaded = reader.load(version);
                if (pinned.size() >= MAX_PINNED) {
                    pinned.clear();
                }
                pinned.put(version, loaded);
                pinFailures.remove(version);
                LOG.log(Level.INFO, "Loaded model bundle {0} for an experiment", version);
                return Optional.of(loaded);
            } catch (BundleException | StoreUnavailableException e) {
                pinFailures.put(version, clock.instant());
                LOG.log(Level.WARNING, "Cannot load model bundle {0} for an experiment: {1}", version,
                        e.getMessage());
                return Optional.empty();
            }
        }
    }

    /** The versions loaded for experiments besides the current one. */
    public Set<String> experimentVersions() {
        return Set.copyOf(pinned.keySet());
    }

    /**
     * The published versions, newest first, at most {@code limit}, each as its manifest shows it (for the console).
     *
     * @throws StoreUnavailableException when the model store cannot be listed
     */
    public List<BundleReader.Inspection> published(int limit) {
        List<String> versions = new ArrayList<>(reader.publishedVersions());
        Collections.reverse(versions);
        return versions.stream().limit(limit).map(reader::inspect).toList();
    }

    /**
     * The feature importance of a published version's trees (splits per feature).
     *
     * @throws BundleException when it has no readable trees file
     * @throws StoreUnavailableException when the model store cannot be read
     */
    public Map<String, Integer> featureImportance(String version) {
        return reader.featureImportance(version);
    }

    /** What the registry serves and when it last looked. */
    public Status status() {
        return status.get();
    }

    /**
     * Checks {@code LATEST} if the interval has passed since the last check, without waiting when another thread is
     * already checking (the background poller).
     */
    public void refreshIfDue() {
        if (!due()) {
            return;
        }
        if (checking.tryLock()) {
            try {
                check(false);
            } finally {
                checking.unlock();
            }
        }
    }

    /**
     * Starts {@link #refreshIfDue()} on {@code executor} when the interval has passed and no check is under way;
     * returns at once. A request calls this, so the check (an object-store read, perhaps a bundle load) never runs on
     * the request's time, yet a serverless instance that was frozen past its poll interval checks again when it thaws.
     */
    public void refreshIfDue(Executor executor) {
        if (due() && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    try {
                        refreshIfDue();
                    } finally {
                        scheduled.set(false);
                    }
                });
            } catch (RuntimeException e) {
                scheduled.set(false);
                throw e;
            }
        }
    }

    private boolean due() {
        Instant last = status.get().lastCheckAt();
        return last == null || !clock.instant().isBefore(last.plus(interval));
    }

    /**
     * Checks {@code LATEST} now (admin reload, start-up), waiting for a check already running; retries a version
     * refused before.
     */
    public Status reload() {
        checking.lock();
        try {
            check(true);
            return status.get();
        } finally {
            checking.unlock();
        }
    }

    private void check(boolean retryRefused) {
        Instant now = clock.instant();
        Status before = status.get();
        String version = null;
        try {
            Optional<String> latest = reader.latestVersion();
            ModelBundle serving = current.get();
            if (latest.isEmpty()) {
                status.set(new Status(before.version(), before.loadedAt(), now, null,
                        "no bundle published under the model URI yet"));
                return;
            }
            version = latest.get();
            if (serving != null && serving.manifest().version().equals(version)) {
                status.set(new Status(before.version(), before.loadedAt(), now, version, null));
                return;
            }
            if (!retryRefused && version.equals(before.refusedVersion())) {
                // Already refused; re-reading a broken bundle every interval would only repeat the error.
                status.set(new Status(before.version(), before.loadedAt(), now, version, before.lastError(),
                        version));
                return;
            }
            ModelBundle loaded = reader.load(version);
            current.set(loaded);
            status.set(new Status(version, now, now, version, null));
            LOG.log(Level.INFO, "Serving model bundle {0}", version);
        } catch (BundleException e) {
            String refused = e.getMessage();
            status.set(new Status(before.version(), before.loadedAt(), now, version, refused, version));
            LOG.log(Level.WARNING, "Refused model bundle, still serving {0}: {1}",
                    before.version() == null ? "no model" : before.version(), refused);
        } catch (StoreUnavailableException e) {
            status.set(new Status(before.version(), before.loadedAt(), now, before.latestVersion(),
                    "model store unavailable: " + e.getMessage(), before.refusedVersion()));
            LOG.log(Level.WARNING, "Model store unavailable, still serving {0}",
                    before.version() == null ? "no model" : before.version());
        }
    }

    /**
     * The registry's state.
     *
     * @param version the version being served, or null
     * @param loadedAt when it was loaded
     * @param lastCheckAt when {@code LATEST} was last checked
     * @param latestVersion what {@code LATEST} named at that check
     * @param lastError why the last check did not load {@code latestVersion} (null when it did or nothing was new)
     * @param refusedVersion a version that failed verification and is not retried until {@code LATEST} changes
     */
    public record Status(String version, Instant loadedAt, Instant lastCheckAt, String latestVersion,
            String lastError, String refusedVersion) {

        Status(String version, Instant loadedAt, Instant lastCheckAt, String latestVersion, String lastError) {
            this(version, loadedAt, lastCheckAt, latestVersion, lastError, null);
        }
    }
}
