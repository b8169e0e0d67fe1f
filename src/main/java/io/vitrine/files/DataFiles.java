package io.vitrine.files;

import java.nio.file.Path;
import java.util.List;

import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.EventInput;
import io.vitrine.wire.ItemInput;
import io.vitrine.wire.UserProfileInput;

/**
 * The file formats of items, users and events. CSV columns are the JSON field names; an event's context columns are
 * {@code device, locale, sessionId, campaign}; list cells (item tags) separate entries with {@code |}.
 */
public final class DataFiles {
    private DataFiles() {
    }

    public static RecordFile<ItemInput> items(Path path) {
        return new RecordFile<>(path, ItemInput.class, DataFiles::item);
    }

    /** An item of a row with the columns of an items CSV file. */
    public static ItemInput item(CsvRow row, List<FieldViolation> out) {
        return new ItemInput(row.text("itemId"), row.text("title"), row.text("category"), row.text("brand"),
                row.number("price", out), row.text("currency"), row.bool("inStock", out), row.text("createdAt"),
                row.list("tags"), row.bool("promoted", out), row.bool("blocked", out));
    }

    public static RecordFile<UserProfileInput> users(Path path) {
        return new RecordFile<>(path, UserProfileInput.class, (row, out) -> new UserProfileInput(row.text("userId"),
                row.text("device"), row.text("location"), row.text("signupAt")));
    }

    public static RecordFile<EventInput> events(Path path) {
        return new RecordFile<>(path, EventInput.class, DataFiles::event);
    }

    /** An event of a row with the columns of an events CSV file (the context's fields are columns of their own). */
    public static EventInput event(CsvRow row, List<FieldViolation> out) {
        EventInput.ContextInput context = new EventInput.ContextInput(row.text("device"), row.text("locale"),
                row.text("sessionId"), row.text("campaign"));
        boolean noContext = context.device() == null && context.locale() == null && context.sessionId() == null
                && context.campaign() == null;
        return new EventInput(row.text("eventId"), row.text("userId"), row.text("type"), row.text("itemId"),
                row.text("timestamp"), row.text("requestId"), row.number("value", out), row.integer("quantity", out),
                row.text("query"), noContext ? null : context);
    }
}
