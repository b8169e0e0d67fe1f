package io.vitrine.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.vitrine.port.EventLog;
import io.vitrine.port.ObjectStore;
import io.vitrine.wire.EventInput;

/**
 * Exports the event log to object storage as JSON Lines files (the events' wire shape, what {@code train} and the Spark
 * trainer read), incrementally by stream position: {@value #CHECKPOINT} holds the position of the last exported event,
 * and each run exports what was appended after it.
 *
 * <p>
 * Each file is named by the position of its first event ({@code events-<position>.jsonl}) and written before the
 * checkpoint moves past it. A run that stops between the two leaves the checkpoint where it was; the next run starts at
 * the same first event, writes a file of the same name, and so replaces the partial one: no event is exported twice or
 * skipped. The checkpoint's name starts with {@code _}, which Spark's file sources skip, so the export prefix can be
 * given to Spark as it is. Events the log's cap trimmed before an export are gone from the log; export more often than
 * the log turns over ({@code vitrine.feedback.event-log-max-length}).
 */
public final class EventLogExport {
    /** The key of the checkpoint under the export's prefix. */
    public static final String CHECKPOINT = "_checkpoint";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final EventLog log;
    private final ObjectStore store;
    private final int batchSize;
    private final int eventsPerFile;

    /**
     * @param batchSize events per read from the log
     * @param eventsPerFile events per exported file (at most)
     */
    public EventLogExport(EventLog log, ObjectStore store, int batchSize, int eventsPerFile) {
        if (batchSize < 1 || eventsPerFile < 1) {
            throw new IllegalArgumentException("batchSize and eventsPerFile must be at least 1");
        }
        this.log = log;
        this.store = store;
        this.batchSize = batchSize;
        this.eventsPerFile = eventsPerFile;
    }

    /**
     * What a run exported.
     *
     * @param after the checkpoint it started after (null: the beginning of the log)
     * @param last the position of the last event exported (equal to {@code after} when there was nothing new)
     * @param files the files written, in order
     */
    public record Result(String after, String last, long events, List<String> files) {
    }

    /** Exports everything appended after the checkpoint. */
    public Result run() {
        String after = checkpoint();
        String position = after;
        long total = 0;
        List<String> files = new java.util.ArrayList<>();
        while (true) {
            StringBuilder lines = new StringBuilder();
            String first = null;
            int inFile = 0;
            while (inFile < eventsPerFile) {
                List<EventLog.LoggedEvent> batch = log.read(position, Math.min(batchSize, eventsPerFile - inFile));
                if (batch.isEmpty()) {
                    break;
                }
                for (EventLog.LoggedEvent e : batch) {
                    if (first == null) {
                        first = e.position();
                    }
                    lines.append(json(EventInput.of(e.event()))).append('\n');
                    position = e.position();
                    inFile++;
                }
            }
            if (inFile == 0) {
                break;
            }
            String name = "events-" + first + ".jsonl";
            store.put(name, lines.toString().getBytes(StandardCharsets.UTF_8));
            store.put(CHECKPOINT, position.getBytes(StandardCharsets.UTF_8));
            files.add(name);
            total += inFile;
            if (inFile < eventsPerFile) {
                break;
            }
        }
        return new Result(after, position, total, files);
    }

    /** The position of the last exported event, or null before the first export. */
    public String checkpoint() {
        return store.get(CHECKPOINT)
                .map(b -> new String(b, StandardCharsets.UTF_8).strip())
                .filter(s -> !s.isEmpty())
                .orElse(null);
    }

    private static String json(EventInput event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
