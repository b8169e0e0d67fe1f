package io.vitrine.files;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.vitrine.catalog.Item;
import io.vitrine.catalog.UserProfile;
import io.vitrine.event.Event;

/**
 * Writes items, users and (streamed) events as CSV in the columns {@link DataFiles} reads, so generated and exported
 * data round-trip through {@code import} and {@code train}.
 */
public final class EventCsvWriter implements Closeable {
    /** Event columns, in order. */
    public static final List<String> EVENT_COLUMNS = List.of("eventId", "userId", "type", "itemId", "timestamp",
            "requestId", "value", "quantity", "query", "device", "locale", "sessionId", "campaign");
    private static final List<String> ITEM_COLUMNS = List.of("itemId", "title", "category", "brand", "price",
            "currency", "inStock", "createdAt", "tags", "promoted", "blocked");
    private static final List<String> USER_COLUMNS = List.of("userId", "device", "location", "signupAt");

    private final CSVPrinter printer;
    private long written;

    /** Opens an events file for streaming writes. */
    public EventCsvWriter(Path path) {
        this.printer = open(path, EVENT_COLUMNS);
    }

    public void write(Event e) {
        try {
            printer.printRecord(e.eventId(), e.userId(), e.type().wireName(), e.itemId(), e.timestamp(),
                    e.requestId(), e.value(), e.quantity(), e.query(), e.context().device(), e.context().locale(),
                    e.context().sessionId(), e.context().campaign());
            written++;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public long written() {
        return written;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeItems(Path path, List<Item> items) {
        try (CSVPrinter out = open(path, ITEM_COLUMNS)) {
            for (Item i : items) {
                out.printRecord(i.itemId(), i.title(), i.category(), i.brand(), i.price(), i.currency(),
                        i.inStock(), i.createdAt(), String.join("|", i.tags()), i.promoted(), i.blocked());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeUsers(Path path, List<UserProfile> users) {
        try (CSVPrinter out = open(path, USER_COLUMNS)) {
            for (UserProfile u : users) {
                out.printRecord(u.userId(), u.device(), u.location(), u.signupAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CSVPrinter open(Path path, List<String> columns) {
        try {
            BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            return CSVFormat.DEFAULT.builder()
                    .setHeader(columns.toArray(String[]::new))
                    .setRecordSeparator('\n')
                    .get()
                    .print(writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
