package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;

/**
 * The behaviour every {@link RecallTableStore} must have. Subclasses provide a fresh, isolated store. Tables are built
 * with the trainer's own builders ({@link CooccurrenceBuilder}, {@link CategoryPopularity}) plus a hand-made table of
 * awkward ids and scores.
 */
public abstract class RecallTableStoreContract {
    private static final long T0 = 1_780_000_000_000L;
    private static final long MINUTE = 60_000L;
    /** Ids a key layout or a list encoding could trip over. */
    protected static final List<String> AWKWARD_IDS = List.of("Ünïcødé-漢字-🙂", "a{b}c", "{x}", "}", "{",
            "}:v1:handmade", "colon:id:", "tab\tin", "line\nbreak", "back\\slash\\t", "trailing\\", "spaces in id",
            "plain");
    /** Category names with the same troubles. */
    private static final String[] CATEGORIES = {"phones", "cases:{covers}", "çà\tet\nlà", ""};

    private RecallTableStore store;

    /** A fresh store with nothing in it. */
    protected abstract RecallTableStore newStore();

    /**
     * Checks, beyond the public reads, that nothing of {@code dropped} remains (an adapter can look at its storage);
     * called after a drop. The default checks nothing more.
     */
    protected void assertNothingLeftOf(RecallTableStore store, String dropped, RecallTables tables) {
    }

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void readsBackEveryListExactlyInOrderWithItsScores() {
        RecallTables tables = tables(1);
        store.load("v1", tables);

        for (String source : tables.neighbours().keySet()) {
            NeighbourLists table = tables.neighbours(source);
            assertThat(table.itemCount()).isPositive();
            assertThat(store.neighbours("v1", source, table.items())).containsExactlyEntriesOf(expected(table,
                    table.items()));
        }
        PopularityLists popularity = tables.popularity();
        assertThat(store.popular("v1", Optional.empty(), 1000)).containsExactlyElementsOf(popularity.global());
        for (String category : CATEGORIES) {
            assertThat(popularity.category(category)).isNotEmpty();
            assertThat(store.popular("v1", Optional.of(category), 1000))
                    .containsExactlyElementsOf(popularity.category(category));
        }
    }

    @Test
    void awkwardIdsAndScoresSurviveExactly() {
        RecallTables tables = tables(2);
        NeighbourLists handmade = tables.neighbours("handmade");
        store.load("v1", tables);
        Map<String, List<ScoredItem>> read = store.neighbours("v1", "handmade", AWKWARD_IDS);

        assertThat(read).containsExactlyEntriesOf(expected(handmade, AWKWARD_IDS));
        assertThat(read.get("Ünïcødé-漢字-🙂")).containsExactly(new ScoredItem("line\nbreak", Float.MAX_VALUE),
                new ScoredItem("a{b}c", 0.1f), new ScoredItem("tab\tin", 0.1f), new ScoredItem("", 1e-7f),
                new ScoredItem("back\\slash\\t", Float.MIN_VALUE), new ScoredItem("}:v1:handmade", -2.5f),
                new ScoredItem("\\n", Float.NEGATIVE_INFINITY));
        assertThat(store.popular("v1", Optional.of("çà\tet\nlà"), 10)).containsExactly(
                new ScoredItem("Ünïcødé-漢字-🙂", Math.PI), new ScoredItem("line\nbreak", 0.1 + 0.2),
                new ScoredItem("a{b}c", 1e-300));
    }

    @Test
    void itemsWithoutAListAreAbsentAndDuplicatesReadOnce() {
        RecallTables tables = tables(3);
        store.load("v1", tables);
        NeighbourLists co = tables.neighbours(RecallTables.COOCCURRENCE);
        String known = co.items().get(0);

        Map<String, List<ScoredItem>> read = store.neighbours("v1", RecallTables.COOCCURRENCE,
                List.of("nope", known, "plain", known, "also-nope"));

        assertThat(read).containsOnlyKeys(known);
        assertThat(read.get(known)).isEqualTo(co.neighbours(known));
        // "empty" has an empty list in the hand-made table: the same as none.
        assertThat(store.neighbours("v1", "handmade", List.of("empty", "plain"))).containsOnlyKeys("plain");
        assertThat(store.neighbours("v1", "no-such-source", co.items())).isEmpty();
        assertThat(store.neighbours("v9", RecallTables.COOCCURRENCE, co.items())).isEmpty();
        assertThat(store.neighbours("v1", RecallTables.COOCCURRENCE, List.of())).isEmpty();
    }

    @Test
    void popularityGlobalPerCategoryAndLimited() {
        RecallTables tables = tables(4);
        store.load("v1", tables);
        List<ScoredItem> global = tables.popularity().global();
        List<ScoredItem> phones = tables.popularity().category("phones");
        assertThat(global).hasSizeGreaterThan(3);
        assertThat(phones).hasSizeGreaterThan(3).isNotEqualTo(global);

        assertThat(store.popular("v1", Optional.empty(), 3)).containsExactlyElementsOf(global.subList(0, 3));
        assertThat(store.popular("v1", Optional.of("phones"), 3)).containsExactlyElementsOf(phones.subList(0, 3));
        assertThat(store.popular("v1", Optional.of("phones"), 1000)).containsExactlyElementsOf(phones);
        assertThat(store.popular("v1", Optional.empty(), 0)).isEmpty();
        assertThat(store.popular("v1", Optional.of("no-such-category"), 10)).isEmpty();
        assertThat(store.popular("v9", Optional.empty(), 10)).isEmpty();
        assertThatThrownBy(() -> store.popular("v1", Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoVersionsSideBySideDoNotMix() {
        RecallTables first = tables(5);
        RecallTables second = tables(6);
        store.load("v1", first);
        store.load("v2", second);

        List<String> items = new ArrayList<>(first.neighbours(RecallTables.COOCCURRENCE).items());
        items.addAll(second.neighbours(RecallTables.COOCCURRENCE).items());
        Map<String, List<ScoredItem>> one = store.neighbours("v1", RecallTables.COOCCURRENCE, items);
        Map<String, List<ScoredItem>> two = store.neighbours("v2", RecallTables.COOCCURRENCE, items);

        assertThat(one).isEqualTo(expected(first.neighbours(RecallTables.COOCCURRENCE), items));
        assertThat(two).isEqualTo(expected(second.neighbours(RecallTables.COOCCURRENCE), items));
        assertThat(one).isNotEqualTo(two);
        assertThat(store.popular("v1", Optional.empty(), 100)).isEqualTo(first.popularity().global());
        assertThat(store.popular("v2", Optional.empty(), 100)).isEqualTo(second.popularity().global())
                .isNotEqualTo(first.popularity().global());
    }

    @Test
    void activatePointsReadersAtACompletelyLoadedVersion() {
        assertThat(store.activeVersion()).isEmpty();
        assertThatThrownBy(() -> store.activate("v1")).isInstanceOf(IllegalStateException.class);
        assertThat(store.activeVersion()).isEmpty();

        store.load("v1", tables(7));
        store.activate("v1");
        assertThat(store.activeVersion()).contains("v1");

        store.load("v2", tables(8));
        assertThat(store.activeVersion()).as("loading does not switch readers").contains("v1");
        store.activate("v2");
        assertThat(store.activeVersion()).contains("v2");
        store.activate("v1");
        assertThat(store.activeVersion()).contains("v1");
    }

    @Test
    void refusesToChangeTheActiveVersion() {
        RecallTables tables = tables(9);
        store.load("v1", tables);
        store.activate("v1");

        assertThatThrownBy(() -> store.load("v1", tables(10))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.drop("v1", tables)).isInstanceOf(IllegalStateException.class);

        assertThat(store.activeVersion()).contains("v1");
        assertThat(store.popular("v1", Optional.empty(), 100)).isEqualTo(tables.popularity().global());
    }

    @Test
    void dropRemovesOneVersionAndKeepsTheOther() {
        RecallTables old = tables(11);
        RecallTables current = tables(12);
        store.load("v1", old);
        store.load("v2", current);
        store.activate("v2");

        store.drop("v1", old);

        for (String source : old.neighbours().keySet()) {
            assertThat(store.neighbours("v1", source, old.neighbours(source).items())).isEmpty();
            NeighbourLists kept = current.neighbours(source);
            assertThat(store.neighbours("v2", source, kept.items()))
                    .containsExactlyEntriesOf(expected(kept, kept.items()));
        }
        assertThat(store.popular("v1", Optional.empty(), 100)).isEmpty();
        assertThat(store.popular("v1", Optional.of("phones"), 100)).isEmpty();
        assertThat(store.popular("v2", Optional.of("phones"), 100))
                .containsExactlyElementsOf(current.popularity().category("phones"));
        assertThatThrownBy(() -> store.activate("v1")).as("a dropped version cannot be activated")
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.activeVersion()).contains("v2");
        assertNothingLeftOf(store, "v1", old);

        store.drop("v1", old); // nothing left to drop: no error
        store.drop("never-loaded", old);
    }

    @Test
    void loadingAgainWithTheSameTablesChangesNothing() {
        RecallTables tables = tables(13);
        store.load("v1", tables);
        store.load("v1", tables);
        store.activate("v1");

        NeighbourLists co = tables.neighbours(RecallTables.COOCCURRENCE);
        assertThat(store.neighbours("v1", RecallTables.COOCCURRENCE, co.items()))
                .containsExactlyEntriesOf(expected(co, co.items()));
    }

    @Test
    void refusesNamesAKeyCannotCarryBeforeWritingAnything() {
        RecallTables tables = tables(14);
        RecallTables badSource = new RecallTables(Map.of("co:occurrence", tables.neighbours("handmade")),
                ItemEmbeddings.empty(), tables.popularity());

        for (String version : new String[]{"v:1", "{v1}", "", "v 1", "x".repeat(65)}) {
            assertThatThrownBy(() -> store.load(version, tables)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.load("v1", badSource)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.popular("v1", Optional.empty(), 10)).isEmpty();
        assertThatThrownBy(() -> store.activate("v1")).isInstanceOf(IllegalStateException.class);
    }

    /** What the store should return for {@code items}: their non-empty lists, in the order asked, each once. */
    protected static Map<String, List<ScoredItem>> expected(NeighbourLists table, List<String> items) {
        Map<String, List<ScoredItem>> out = new LinkedHashMap<>();
        for (String item : items) {
            List<ScoredItem> list = table.neighbours(item);
            if (!list.isEmpty()) {
                out.putIfAbsent(item, list);
            }
        }
        return out;
    }

    /**
     * Tables as the trainer builds them from seeded random interactions (so two seeds give different tables): a
     * co-occurrence table over 60 items, an "embedding" table derived from it with other scores, the hand-made table of
     * {@link #AWKWARD_IDS}, and popularity lists over the categories in {@link #CATEGORIES} plus a hand-made one.
     */
    protected static RecallTables tables(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CooccurrenceBuilder cooccurrence = new CooccurrenceBuilder(CooccurrenceSettings.defaults()
                .withWindow(null)
                .withMinSupport(1)
                .withTopK(8));
        CategoryPopularity popularity = new CategoryPopularity(Duration.ofDays(3), 10,
                item -> CATEGORIES[Math.floorMod(item.hashCode(), CATEGORIES.length)]);
        for (int i = 0; i < 1500; i++) {
            String item = "item-" + (int) Math.sqrt(random.nextInt(3600)); // skewed towards high numbers
            Interaction interaction = new Interaction("u" + random.nextInt(80), item, 1 + random.nextInt(5),
                    T0 + i * MINUTE);
            cooccurrence.accept(interaction);
            popularity.accept(interaction);
        }
        NeighbourLists co = cooccurrence.build();
        Map<String, List<ScoredItem>> embedding = new LinkedHashMap<>();
        for (String item : co.items()) {
            // Halved scores: a second table whose lists differ from the first.
            List<ScoredItem> list = new ArrayList<>(co.neighbours(item));
            embedding.put(item, list.stream().map(s -> new ScoredItem(s.itemId(), s.score() / 2)).toList());
        }
        PopularityLists built = popularity.build();
        Map<String, List<ScoredItem>> categories = new LinkedHashMap<>(built.categories());
        categories.put("çà\tet\nlà", List.of(new ScoredItem("Ünïcødé-漢字-🙂", Math.PI),
                new ScoredItem("line\nbreak", 0.1 + 0.2), new ScoredItem("a{b}c", 1e-300)));
        categories.put("empty", List.of());
        return new RecallTables(Map.of(RecallTables.COOCCURRENCE, co, RecallTables.EMBEDDING,
                NeighbourLists.of(embedding), "handmade", handmade()), ItemEmbeddings.empty(),
                new PopularityLists(built.asOfMillis(), built.halfLife(), built.global(), categories));
    }

    private static NeighbourLists handmade() {
        Map<String, List<ScoredItem>> lists = new LinkedHashMap<>();
        lists.put("Ünïcødé-漢字-🙂", List.of(new ScoredItem("line\nbreak", Float.MAX_VALUE),
                new ScoredItem("a{b}c", 0.1f), new ScoredItem("tab\tin", 0.1f), new ScoredItem("", 1e-7f),
                new ScoredItem("back\\slash\\t", Float.MIN_VALUE), new ScoredItem("}:v1:handmade", -2.5f),
                new ScoredItem("\\n", Float.NEGATIVE_INFINITY)));
        for (int i = 0; i < AWKWARD_IDS.size(); i++) {
            String item = AWKWARD_IDS.get(i);
            if (!lists.containsKey(item)) {
                // Every other awkward id as neighbour, in a rotating order, with distinct float scores.
                List<ScoredItem> list = new ArrayList<>();
                for (int k = 1; k < AWKWARD_IDS.size(); k++) {
                    list.add(new ScoredItem(AWKWARD_IDS.get((i + k) % AWKWARD_IDS.size()), 1f / (k + i)));
                }
                lists.put(item, list);
            }
        }
        lists.put("empty", List.of());
        return NeighbourLists.of(lists);
    }
}
