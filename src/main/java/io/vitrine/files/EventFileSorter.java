package io.vitrine.files;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.code.externalsorting.ExternalSort;

import io.vitrine.event.Event;
import io.vitrine.wire.EventInput;

/**
 * Sorts events by time in bounded memory, for jobs given an export that is not in time order (exports rarely are): the
 * events go to a temporary file as lines keyed by timestamp and input position, which an external merge sort (Lemire's
 * externalsortinginjava: sorted runs of what fits in memory, then a k-way merge) puts in order; the result is a JSON
 * Lines file in the events' wire shape, which the jobs then read like any input. Events with the same timestamp keep
 * their input order.
 */
public final class EventFileSorter {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventFileSorter() {
    }

    /**
     * Writes the events {@code source} gives to a new sorted JSON Lines file in {@code directory}.
     *
     * @return the sorted file (delete it when done)
     */
    public static Path sort(Consumer<Consumer<Event>> source, Path directory) {
        try {
            Path keyed = Files.createTempFile(directory, "vitrine-events-", ".keyed");
            Path sorted = Files.createTempFile(directory, "vitrine-events-", ".jsonl");
            Path merged = Files.createTempFile(directory, "vitrine-events-", ".merged");
            try {
                try (BufferedWriter out = Files.newBufferedWriter(keyed, StandardCharsets.UTF_8)) {
                    long[] position = {0};
                    source.accept(e -> {
                        try {
                            // Fixed-width keys, so the lines sort as text: time (ms since 1970, shifted to stay
                            // positive for any valid year), then the position in the input.
                            out.write(String.format("%020d%020d\t", e.timestamp().toEpochMilli() + OFFSET,
                                    position[0]++));
                            out.write(JSON.writeValueAsString(EventInput.of(e)));
                            out.newLine();
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    });
                }
                Comparator<String> byKey = Comparator.naturalOrder();
                List<File> runs = ExternalSort.sortInBatch(keyed.toFile(), byKey, ExternalSort.DEFAULTMAXTEMPFILES,
                        StandardCharsets.UTF_8, directory.toFile(), false, 0);
                ExternalSort.mergeSortedFiles(runs, merged.toFile(), byKey, StandardCharsets.UTF_8);
                try (BufferedReader in = Files.newBufferedReader(merged, StandardCharsets.UTF_8);
                        BufferedWriter out = Files.newBufferedWriter(sorted, StandardCharsets.UTF_8)) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        out.write(line, line.indexOf('\t') + 1, line.length() - line.indexOf('\t') - 1);
                        out.newLine();
                    }
                }
                return sorted;
            } finally {
                Files.deleteIfExists(keyed);
                Files.deleteIfExists(merged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sort the events: " + e.getMessage(), e);
        }
    }

    /** Shift of epoch milliseconds that keeps every timestamp of years 0000 to 9999 non-negative. */
    private static final long OFFSET = 62_167_219_200_000L;
}
