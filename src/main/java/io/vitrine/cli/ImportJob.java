package io.vitrine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import io.vitrine.event.Event;
import io.vitrine.event.EventPolicy;
import io.vitrine.feedback.FeedbackService;
import io.vitrine.files.DataFiles;
import io.vitrine.files.RecordFile;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.EventInput;
import io.vitrine.wire.EventValidator;
import io.vitrine.wire.ItemInput;
import io.vitrine.wire.ItemValidator;
import io.vitrine.wire.UserProfileInput;

/**
 * Loads files in two passes: validate every record (nothing is loaded if any is invalid), then load in batches of one
 * pipelined round trip each. Memory stays bounded by one batch, whatever the file size.
 */
@Singleton
public class ImportJob {
    /** Attempts to store one batch before the job gives up. */
    private static final int ATTEMPTS = 5;
    /** Invalid records listed before the report stops listing them. */
    static final int MAX_LISTED_ERRORS = 20;
    private static final long PROGRESS_EVERY = 100_000;

    private final CatalogStore catalog;
    private final FeedbackService feedback;
    private final EventValidator historicalValidator;
    private final Clock clock;

    public ImportJob(CatalogStore catalog, FeedbackService feedback, EventPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.feedback = feedback.forHistory();
        this.historicalValidator = new EventValidator(policy.forHistoricalImport());
        this.clock = clock;
    }

    public boolean importItems(Path path, int batchSize, Report report) {
        RecordFile<ItemInput> file = DataFiles.items(path);
        return load(file, "items", batchSize, report, (in, out) -> ItemValidator.validate(in, out),
                catalog::upsertItems);
    }

    public boolean importUsers(Path path, int batchSize, Report report) {
        RecordFile<UserProfileInput> file = DataFiles.users(path);
        return load(file, "users", batchSize, report, UserProfileInput::validate, catalog::upsertUsers);
    }

    public boolean importEvents(Path path, int batchSize, Report report) {
        RecordFile<EventInput> file = DataFiles.events(path);
        Instant now = clock.instant();
        int[] counts = new int[2];
        boolean ok = load(file, "events", batchSize, report,
                (in, out) -> historicalValidator.validate(in, now, out),
                (List<Event> batch) -> {
                    FeedbackService.Result result = feedback.ingestValid(batch);
                    counts[0] += result.accepted();
                    counts[1] += result.duplicates();
                });
        if (ok) {
            report.out().printf("events: %d stored, %d duplicates skipped%n", counts[0], counts[1]);
        }
        return ok;
    }

    private <I, V> boolean load(RecordFile<I> file, String what, int batchSize, Report report, Validation<I, V> check,
            Consumer<List<V>> sink) {
        long[] invalid = new long[1];
        long[] total = new long[1];
        file.forEach(line -> {
            total[0]++;
            List<FieldViolation> violations = new ArrayList<>(line.violations());
            if (line.value() != null) {
                check.validate(line.value(), violations);
            }
            if (!violations.isEmpty() && invalid[0]++ < MAX_LISTED_ERRORS) {
                for (FieldViolation v : violations) {
                    report.err()
                            .printf("%s:%d: %s%s%n", file.path().getFileName(), line.number(),
                                    v.field().isEmpty() ? "" : v.field() + " ", v.message());
                }
            }
        });
        if (invalid[0] > 0) {
            report.err()
                    .printf("%s: %d of %d records are invalid; nothing of %s was loaded%n", what, invalid[0],
                            total[0], file.path());
            return false;
        }
        List<V> batch = new ArrayList<>(batchSize);
        long[] loaded = new long[1];
        file.forEach(line -> {
            batch.add(check.validate(line.value(), new ArrayList<>()));
            if (batch.size() == batchSize) {
                store(what, List.copyOf(batch), sink, report);
                batch.clear();
            }
            if (++loaded[0] % PROGRESS_EVERY == 0) {
                report.err().printf("%s: %d loaded%n", what, loaded[0]);
            }
        });
        if (!batch.isEmpty()) {
            store(what, List.copyOf(batch), sink, report);
        }
        report.out().printf("%s: %d records loaded from %s%n", what, total[0], file.path());
        return true;
    }

    /**
     * Stores a batch, retrying while the store is unavailable (a slow first connection, a failover): storing is
     * idempotent (items and profiles are replaced, events deduplicated by id), so a retried batch counts once. After
     * {@value #ATTEMPTS} attempts the failure ends the job.
     */
    private static <V> void store(String what, List<V> batch, Consumer<List<V>> sink, Report report) {
        for (int attempt = 1;; attempt++) {
            try {
                sink.accept(batch);
                return;
            } catch (StoreUnavailableException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                report.err()
                        .printf("%s: store unavailable (%s); retrying the batch in %d s%n", what, e.getMessage(),
                                attempt);
                try {
                    Thread.sleep(Duration.ofSeconds(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Validates one input into a value, recording violations (null when invalid). */
    @FunctionalInterface
    interface Validation<I, V> {
        V validate(I input, List<FieldViolation> out);
    }

    /**
     * Where a job writes its summary and its errors.
     *
     * @param out the summary
     * @param err errors and progress
     */
    public record Report(PrintWriter out, PrintWriter err) {
    }
}
