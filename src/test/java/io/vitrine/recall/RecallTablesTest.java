package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;

class RecallTablesTest {
    private static final long T0 = 1_780_000_000_000L;

    /** Real tables from the builders, with non-ASCII ids and a table shared with the embeddings. */
    private static RecallTables sample() {
        SplittableRandom random = new SplittableRandom(3);
        CooccurrenceBuilder cooccurrence = new CooccurrenceBuilder(CooccurrenceSettings.defaults().withTopK(4));
        InteractionMatrix.Builder matrix = InteractionMatrix.builder();
        CategoryPopularity popularity = new CategoryPopularity(Duration.ofDays(3), 3,
                item -> item.hashCode() % 3 == 0 ? null : "cat-" + item.hashCode() % 2);
        for (int e = 0; e < 400; e++) {
            Interaction x = new Interaction("user-" + random.nextInt(30), "商品-" + random.nextInt(25),
                    1 + random.nextInt(4), T0 + e * 60_000L);
            cooccurrence.accept(x);
            matrix.accept(x);
            popularity.accept(x);
        }
        AlsModel model = new ImplicitAls(AlsSettings.defaults().withFactors(4).withIterations(3)).fit(matrix.build());
        ItemEmbeddings embeddings = model.itemEmbeddings();
        return new RecallTables(
                Map.of(RecallTables.COOCCURRENCE, cooccurrence.build(),
                        RecallTables.EMBEDDING, embeddings.nearestNeighbours(4)),
                embeddings, popularity.build());
    }

    private static byte[] bytes(RecallTables tables) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tables.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void roundTripsExactly() throws IOException {
        RecallTables tables = sample();
        byte[] written = bytes(tables);

        RecallTables read = RecallTables.readFrom(new ByteArrayInputStream(written));

        assertThat(tables.neighbours(RecallTables.COOCCURRENCE).entryCount()).isGreaterThan(20);
        assertThat(tables.popularity().categories()).isNotEmpty();
        assertThat(read).isEqualTo(tables);
        assertThat(read.neighbours(RecallTables.EMBEDDING).neighbours("商品-3"))
                .isEqualTo(tables.neighbours(RecallTables.EMBEDDING).neighbours("商品-3"));
        assertThat(read.embeddings().vector("商品-3").orElseThrow())
                .containsExactly(tables.embeddings().vector("商品-3").orElseThrow());
        // Writing is deterministic.
        assertThat(bytes(read)).isEqualTo(written);
    }

    @Test
    void roundTripsEmptyAndHandMadeTables() throws IOException {
        Map<String, List<ScoredItem>> lists = new LinkedHashMap<>();
        lists.put("phone", List.of(new ScoredItem("case", 0.5), new ScoredItem("charger", 0.25)));
        lists.put("case", List.of());
        RecallTables tables = new RecallTables(Map.of("tags", NeighbourLists.of(lists), "none",
                NeighbourLists.empty()), ItemEmbeddings.empty(),
                new PopularityLists(-5, Duration.ofNanos(1_500), List.of(new ScoredItem("phone", 1e-300)),
                        Map.of("", List.of())));

        assertThat(RecallTables.readFrom(new ByteArrayInputStream(bytes(tables)))).isEqualTo(tables);
    }

    @Test
    void readsExactlyItsOwnBytes() throws IOException {
        RecallTables tables = sample();
        byte[] written = bytes(tables);
        byte[] followed = Arrays.copyOf(written, written.length + 3);
        followed[written.length] = 42;
        ByteArrayInputStream in = new ByteArrayInputStream(followed);

        assertThat(RecallTables.readFrom(in)).isEqualTo(tables);
        assertThat(in.read()).isEqualTo(42);
    }

    @Test
    void rejectsAnUnknownVersion() throws IOException {
        byte[] written = bytes(sample());
        ByteBuffer.wrap(written).putInt(4, RecallTables.FORMAT_VERSION + 1);

        assertThatThrownBy(() -> RecallTables.readFrom(new ByteArrayInputStream(written)))
                .isInstanceOf(RecallTablesFormatException.class)
                .hasMessageContaining("unsupported recall tables format version " + (RecallTables.FORMAT_VERSION + 1));
    }

    @Test
    void rejectsOtherData() {
        byte[] json = "{\"formatVersion\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RecallTables.readFrom(new ByteArrayInputStream(json)))
                .isInstanceOf(RecallTablesFormatException.class)
                .hasMessageContaining("magic");
    }

    @Test
    void rejectsEveryTruncation() throws IOException {
        byte[] written = bytes(sample());

        for (int length = 0; length < written.length; length++) {
            byte[] prefix = Arrays.copyOf(written, length);
            assertThatThrownBy(() -> RecallTables.readFrom(new ByteArrayInputStream(prefix)))
                    .as("prefix of %d of %d bytes", length, written.length)
                    .isInstanceOf(RecallTablesFormatException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void rejectsEveryCorruptedByte() throws IOException {
        byte[] written = bytes(sample());

        for (int at = 0; at < written.length; at++) {
            byte[] corrupt = written.clone();
            corrupt[at] ^= (byte) 0x5A;
            assertThatThrownBy(() -> RecallTables.readFrom(new ByteArrayInputStream(corrupt)))
                    .as("byte %d of %d flipped", at, written.length)
                    .isInstanceOf(RecallTablesFormatException.class);
        }
    }

    @Test
    void rejectsAHugeLengthWithoutAllocatingIt() throws IOException {
        byte[] written = bytes(sample());
        // The string count follows magic and version; claim two billion strings.
        ByteBuffer.wrap(written).putInt(8, 2_000_000_000);

        assertThatThrownBy(() -> RecallTables.readFrom(new ByteArrayInputStream(written)))
                .isInstanceOf(RecallTablesFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void neighbourListsRejectInvalidLists() {
        assertThatThrownBy(() -> NeighbourLists.of(Map.of("a", List.of(new ScoredItem("b", 0.1),
                new ScoredItem("c", 0.2))))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourLists.of(Map.of("a", List.of(new ScoredItem("a", 0.1)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourLists.of(Map.of("a", List.of(new ScoredItem("b", Double.NaN)))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
