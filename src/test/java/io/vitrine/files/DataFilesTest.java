package io.vitrine.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.wire.EventInput;
import io.vitrine.wire.ItemInput;

class DataFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsItemsFromCsvWithQuotedCellsAndTagLists() throws IOException {
        Path csv = dir.resolve("items.csv");
        Files.writeString(csv, """
                itemId,title,category,brand,price,currency,inStock,createdAt,tags,promoted,blocked
                p1,"Phone, 128 GB",phone,acme,499.5,EUR,true,2026-01-01T00:00:00Z,5g|dual-sim,false,false
                c1,Case,case,acme,abc,EUR,maybe,,,,
                """);
        List<RecordFile.Line<ItemInput>> lines = new ArrayList<>();
        DataFiles.items(csv).forEach(lines::add);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).number()).isEqualTo(2);
        assertThat(lines.get(0).value().title()).isEqualTo("Phone, 128 GB");
        assertThat(lines.get(0).value().tags()).containsExactly("5g", "dual-sim");
        assertThat(lines.get(0).value().price()).isEqualTo(499.5);
        assertThat(lines.get(1).value()).isNull();
        assertThat(lines.get(1).violations()).extracting(v -> v.field()).containsExactly("price", "inStock");
    }

    @Test
    void readsEventsFromJsonLinesReportingBrokenLines() throws IOException {
        Path jsonl = dir.resolve("events.jsonl");
        Files.writeString(jsonl, """
                {"eventId":"e1","userId":"u1","type":"click","itemId":"p1","context":{"device":"ios"}}

                {"eventId":"e2","userId":"u1","type":"purchase","itemId":"p1","quantity":"x"}
                not json
                """);
        List<RecordFile.Line<EventInput>> lines = new ArrayList<>();
        DataFiles.events(jsonl).forEach(lines::add);

        assertThat(lines).extracting(RecordFile.Line::number).containsExactly(1L, 3L, 4L);
        assertThat(lines.get(0).value().context().device()).isEqualTo("ios");
        assertThat(lines.get(1).violations()).extracting(v -> v.field()).containsExactly("quantity");
        assertThat(lines.get(2).value()).isNull();
    }

    @Test
    void readsEventContextFromCsvColumns() throws IOException {
        Path csv = dir.resolve("events.csv");
        Files.writeString(csv, """
                eventId,userId,type,itemId,timestamp,device,quantity
                e1,u1,purchase,p1,2026-11-01T10:00:00Z,android,2
                e2,u2,view,p2,2026-11-01T10:00:01Z,,
                """);
        List<RecordFile.Line<EventInput>> lines = new ArrayList<>();
        DataFiles.events(csv).forEach(lines::add);

        assertThat(lines.get(0).value().context().device()).isEqualTo("android");
        assertThat(lines.get(0).value().quantity()).isEqualTo(2);
        assertThat(lines.get(1).value().context()).isNull();
    }
}
