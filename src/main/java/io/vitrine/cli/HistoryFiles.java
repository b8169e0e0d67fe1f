package io.vitrine.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventType;
import io.vitrine.files.DataFiles;
import io.vitrine.files.EventFileSorter;
import io.vitrine.files.RecordFile;
import io.vitrine.train.EventFileScan;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.EventInput;
import io.vitrine.wire.EventValidator;
import io.vitrine.wire.ItemInput;
import io.vitrine.wire.ItemValidator;

/**
 * The catalog and the event history a job reads ({@code train}, {@code evaluate}): strictly validated (a job refuses
 * invalid input and lists the first problems), events streamed as often as needed, never held. Events out of time order
 * are sorted once, in bounded memory, into a temporary file that the replays then read ({@link EventFileSorter}).
 */
final class HistoryFiles {
    private final Path items;
    private final Path events;
    private final EventValidator validator;
    private Path sorted;
    private final Instant now;

    /**
     * @param validator the historical-import rules (no age limit)
     * @param now reference time of the validation (future skew) and default timestamp
     */
    HistoryFiles(Path items, Path events, EventValidator validator, Instant now) {
        this.items = items;
        this.events = events;
        this.validator = validator;
        this.now = now;
    }

    List<Item> catalog(PrintWriter err) {
        List<Item> catalog = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        RecordFile<ItemInput> file = DataFiles.items(items);
        file.forEach(line -> {
            List<FieldViolation> violations = new ArrayList<>(line.violations());
            Item item = line.value() == null ? null : ItemValidator.validate(line.value(), violations);
            if (item != null) {
                catalog.add(item);
            } else if (problems.size() < 20) {
                problems.add(items.getFileName() + ":" + line.number() + ": " + violations);
            }
        });
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println("the catalog has invalid records; fix them first");
            return null;
        }
        return catalog;
    }

    EventFileScan scan(PrintWriter err) {
        long[] counts = new long[3];
        long[] outOfOrder = {0};
        Instant[] last = {null};
        Instant[] range = {null, null};
        List<String> problems = new ArrayList<>();
        DataFiles.events(events).forEach(line -> {
            Event e = validEvent(line, problems);
            if (e == null) {
                counts[2]++;
                return;
            }
            if (last[0] != null && e.timestamp().isBefore(last[0])) {
                outOfOrder[0]++;
            }
            last[0] = e.timestamp();
            counts[0]++;
            if (e.type() == EventType.IMPRESSION) {
                counts[1]++;
            }
            range[0] = range[0] == null || e.timestamp().isBefore(range[0]) ? e.timestamp() : range[0];
            range[1] = range[1] == null || e.timestamp().isAfter(range[1]) ? e.timestamp() : range[1];
        });
        if (counts[2] > 0) {
            problems.forEach(err::println);
            err.printf("%d invalid events; nothing was done%n", counts[2]);
            return null;
        }
        if (outOfOrder[0] > 0) {
            long start = System.nanoTime();
            sorted = EventFileSorter.sort(this::replayFile, Path.of(System.getProperty("java.io.tmpdir")));
            sorted.toFile().deleteOnExit();
            err.printf("events: %d of %d are earlier than the event before them; sorted them by time in %.1f s"
                    + " (bounded memory, temporary file %s)%n", outOfOrder[0], counts[0],
                    (System.nanoTime() - start) / 1e9, sorted);
        }
        if (counts[0] == 0) {
            err.println("the events file has no events");
            return null;
        }
        return new EventFileScan(counts[0], counts[1], range[0], range[1]);
    }

    /** Every valid event, in time order (from the sorted copy when the file was not sorted). */
    void replay(Consumer<Event> sink) {
        if (sorted == null) {
            replayFile(sink);
        } else {
            DataFiles.events(sorted).forEach(line -> {
                Event e = validEvent(line, new ArrayList<>());
                if (e != null) {
                    sink.accept(e);
                }
            });
        }
    }

    private void replayFile(Consumer<Event> sink) {
        DataFiles.events(events).forEach(line -> {
            Event e = validEvent(line, new ArrayList<>());
            if (e != null) {
                sink.accept(e);
            }
        });
    }

    private Event validEvent(RecordFile.Line<EventInput> line, List<String> problems) {
        List<FieldViolation> violations = new ArrayList<>(line.violations());
        Event e = line.value() == null ? null : validator.validate(line.value(), now, violations);
        if (e == null && problems.size() < 20) {
            problems.add("line " + line.number() + ": " + violations);
        }
        return e;
    }

}
