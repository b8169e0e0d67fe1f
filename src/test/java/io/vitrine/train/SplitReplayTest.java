package io.vitrine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.FeatureUpdates;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.recall.CooccurrenceBuilder;
import io.vitrine.recall.CooccurrenceSettings;
import io.vitrine.recall.Ease;
import io.vitrine.recall.EaseSettings;
import io.vitrine.recall.Interaction;
import io.vitrine.recall.InteractionMatrix;
import io.vitrine.recall.NeighbourLists;

/**
 * The facts the Spark trainer (module {@code spark/}) rests on, checked without Spark: a replay split by user and by
 * item builds the state of one replay in time order; co-occurrence counts of disjoint users add up; EASE from a Gram
 * matrix counted elsewhere equals EASE from the matrix.
 */
class SplitReplayTest {
    private static final FeatureSettings SETTINGS = FeatureSettings.defaults();

    private final DemoMarketplace market = new DemoMarketplace(
            new DemoSettings(80, 24, 4, 3, Instant.parse("2026-11-20T00:00:00Z")));
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Item> catalog = new HashMap<>();

    SplitReplayTest() {
        market.events(events::add);
        market.items().forEach(i -> catalog.put(i.itemId(), i));
    }

    @Test
    void replayByUserAndByItemBuildsTheStateOfOneReplay() {
        FeatureUpdater updater = new FeatureUpdater(SETTINGS);
        InMemoryFeatureStore whole = new InMemoryFeatureStore(SETTINGS);
        whole.upsertItems(market.items());
        for (Event e : events) {
            whole.apply(updater.updatesFor(e, catalog.get(e.itemId() == null ? "" : e.itemId())));
        }

        Map<String, List<Event>> byUser = new LinkedHashMap<>();
        Map<String, List<Event>> byItem = new LinkedHashMap<>();
        for (Event e : events) {
            byUser.computeIfAbsent(e.userId(), u -> new ArrayList<>()).add(e);
            if (e.itemId() != null) {
                byItem.computeIfAbsent(e.itemId(), i -> new ArrayList<>()).add(e);
            }
        }
        InMemoryFeatureStore items = new InMemoryFeatureStore(SETTINGS);
        byItem.values().forEach(list -> list.forEach(e -> {
            List<FeatureUpdate> u = new ArrayList<>(updater.updatesFor(e, catalog.get(e.itemId())));
            u.removeIf(FeatureUpdates::userScoped);
            items.apply(u);
        }));
        List<String[]> rows = new ArrayList<>();
        items.exportItemState(rows::add);
        InMemoryFeatureStore split = new InMemoryFeatureStore(SETTINGS);
        split.upsertItems(market.items());
        split.importItemState(rows);
        byUser.values().forEach(list -> list.forEach(e -> {
            List<FeatureUpdate> u = new ArrayList<>(updater.updatesFor(e,
                    e.itemId() == null ? null : catalog.get(e.itemId())));
            u.removeIf(x -> !FeatureUpdates.userScoped(x));
            split.apply(u);
        }));

        assertThat(rows).isNotEmpty();
        List<String> itemIds = List.copyOf(catalog.keySet());
        for (String user : byUser.keySet()) {
            assertThat(split.read(user, itemIds)).as(user).isEqualTo(whole.read(user, itemIds));
        }
        List<String> scopes = new ArrayList<>(List.of("global"));
        market.items().forEach(i -> scopes.add(i.category()));
        Instant end = events.get(events.size() - 1).timestamp();
        assertThat(split.trending(scopes, 50, end)).isEqualTo(whole.trending(scopes, 50, end));
    }

    @Test
    void cooccurrenceCountsOfDisjointUsersAddUp() {
        CooccurrenceSettings settings = CooccurrenceSettings.defaults().withTopK(RecallTableTrainer.NEIGHBOURS);
        CooccurrenceBuilder one = new CooccurrenceBuilder(settings);
        CooccurrenceBuilder even = new CooccurrenceBuilder(settings);
        CooccurrenceBuilder odd = new CooccurrenceBuilder(settings);
        for (Event e : events) {
            double w = FeatureUpdater.INTEREST_WEIGHT.get(e.type());
            if (w > 0 && e.itemId() != null) {
                Interaction i = new Interaction(e.userId(), e.itemId(), w, e.timestamp().toEpochMilli());
                one.accept(i);
                (Math.floorMod(e.userId().hashCode(), 2) == 0 ? even : odd).accept(i);
            }
        }
        Map<List<String>, double[]> pairs = new HashMap<>();
        Map<String, Double> norms = new HashMap<>();
        for (CooccurrenceBuilder part : List.of(even, odd)) {
            part.exportCounts((a, b, c, s) -> pairs.merge(List.of(a, b), new double[]{c, s},
                    (x, y) -> new double[]{x[0] + y[0], x[1] + y[1]}), (item, n) -> norms.merge(item, n, Double::sum));
        }
        NeighbourLists expected = one.build();
        int compared = 0;
        for (Map.Entry<List<String>, double[]> p : pairs.entrySet()) {
            String a = p.getKey().get(0);
            String b = p.getKey().get(1);
            float sim = CooccurrenceBuilder.similarity(settings, p.getValue()[0], (long) p.getValue()[1],
                    norms.get(a), norms.get(b));
            if (Float.isNaN(sim)) {
                continue;
            }
            var listed = expected.neighbours(a).stream().filter(s -> s.itemId().equals(b)).findFirst();
            if (listed.isPresent()) {
                assertThat(listed.get().score()).isCloseTo(sim, org.assertj.core.data.Offset.offset(1e-5));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    @Test
    void easeFromACountedGramMatrixEqualsEaseFromTheMatrix() {
        InteractionMatrix.Builder m = InteractionMatrix.builder();
        Map<String, java.util.Set<String>> users = new HashMap<>();
        for (Event e : events) {
            if (FeatureUpdater.INTEREST_WEIGHT.get(e.type()) > 0 && e.itemId() != null) {
                m.add(e.userId(), e.itemId(), 1);
                users.computeIfAbsent(e.userId(), u -> new java.util.TreeSet<>()).add(e.itemId());
            }
        }
        List<String> names = users.values().stream().flatMap(java.util.Set::stream).distinct().sorted().toList();
        int n = names.size();
        double[] gram = new double[n * n];
        for (java.util.Set<String> touched : users.values()) {
            for (String a : touched) {
                for (String b : touched) {
                    gram[names.indexOf(a) * n + names.indexOf(b)] += 1;
                }
            }
        }
        Ease ease = new Ease(EaseSettings.defaults());
        NeighbourLists fromMatrix = ease.build(m.build());
        NeighbourLists fromGram = ease.fromGram(names.toArray(String[]::new), gram);
        assertThat(fromGram.items()).containsExactlyInAnyOrderElementsOf(fromMatrix.items());
        for (String item : fromMatrix.items()) {
            assertThat(fromGram.neighbours(item).stream().map(s -> s.itemId()).toList()).as(item)
                    .isEqualTo(fromMatrix.neighbours(item).stream().map(s -> s.itemId()).toList());
        }
    }
}
