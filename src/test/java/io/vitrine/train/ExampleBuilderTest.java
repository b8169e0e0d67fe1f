package io.vitrine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.UserFeatures;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.RecallContext;

class ExampleBuilderTest {
    private static final FeatureSettings SETTINGS = FeatureSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static ExampleOptions options(ExampleOptions.Mode mode, Instant validationFrom) {
        return new ExampleOptions(mode, Duration.ofMinutes(30), 3, 1.0, validationFrom, 10, 100, 1);
    }

    /**
     * The leakage test: every example's vector must equal the vector computed from a fresh store that saw only the
     * events strictly before the example's time. A builder that applied an event before reading (or read after a later
     * event) fails it.
     */
    @Test
    void everyExampleSeesExactlyTheEventsStrictlyBeforeItsTime() {
        DemoMarketplace market = new DemoMarketplace(new DemoSettings(60, 40, 4, 3, T0));
        List<Event> events = new ArrayList<>();
        market.events(events::add);
        List<TrainingExample> examples = new ArrayList<>();
        ExampleBuilder builder = new ExampleBuilder(SETTINGS, market.items(),
                options(ExampleOptions.Mode.IMPRESSIONS, T0), examples::add);
        events.forEach(builder::accept);
        builder.finish();

        assertThat(examples).hasSizeGreaterThan(500);
        Map<String, Item> catalog = market.items()
                .stream()
                .collect(Collectors.toMap(Item::itemId,
                        Function.identity()));
        FeatureUpdater updater = new FeatureUpdater(SETTINGS);
        InMemoryFeatureStore replay = new InMemoryFeatureStore(SETTINGS);
        replay.upsertItems(market.items());
        examples.sort(java.util.Comparator.comparingLong(TrainingExample::atMillis));
        int next = 0;
        for (TrainingExample example : examples) {
            while (next < events.size() && events.get(next).timestamp().toEpochMilli() < example.atMillis()) {
                Event e = events.get(next++);
                replay.apply(updater.updatesFor(e, e.itemId() == null ? null : catalog.get(e.itemId())));
            }
            Instant at = Instant.ofEpochMilli(example.atMillis());
            FeatureSnapshot s = replay.read(example.userId(), List.of(example.itemId()));
            double[] expected = RankingFeatures.vector(UserFeatures.of(s.user(), at, SETTINGS),
                    ItemFeatures.of(s.items().get(example.itemId()), at, SETTINGS), at);
            assertThat(example.features()).as("example of %s/%s at %s", example.userId(), example.itemId(), at)
                    .containsExactly(expected);
        }
        assertThat(examples).anyMatch(TrainingExample::engaged).anyMatch(e -> !e.engaged());
    }

    @Test
    void aClickLabelsTheImpressionBeforeItWithinTheWindowOnly() {
        List<Item> items = List.of(item("a"), item("b"), item("c"));
        List<TrainingExample> examples = new ArrayList<>();
        ExampleBuilder builder = new ExampleBuilder(SETTINGS, items, options(ExampleOptions.Mode.IMPRESSIONS, T0),
                examples::add);
        builder.accept(event("1", EventType.IMPRESSION, "a", T0, "r1"));
        builder.accept(event("2", EventType.IMPRESSION, "b", T0, "r1"));
        builder.accept(event("3", EventType.IMPRESSION, "c", T0, "r1"));
        builder.accept(event("4", EventType.CLICK, "a", T0.plusSeconds(60), "r1"));
        // Too late for the impression of b: outside the 30-minute window.
        builder.accept(event("5", EventType.CLICK, "b", T0.plus(Duration.ofMinutes(31)), null));
        // Same instant as its impression: not caused by it.
        builder.accept(event("6", EventType.IMPRESSION, "c", T0.plus(Duration.ofHours(2)), "r2"));
        builder.accept(event("7", EventType.CLICK, "c", T0.plus(Duration.ofHours(2)), "r2"));
        builder.finish();

        Map<String, Boolean> labels = examples.stream()
                .collect(Collectors.toMap(
                        e -> e.itemId() + "@" + (e.atMillis() - T0.toEpochMilli()) / 1000, TrainingExample::engaged));
        assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("a@0", true, "b@0", false, "c@0", false,
                "c@7200", false));
    }

    @Test
    void sampledNegativesModeEmitsOnePositiveAndNegativesPerEngagement() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(item("i" + i));
        }
        List<TrainingExample> examples = new ArrayList<>();
        ExampleBuilder builder = new ExampleBuilder(SETTINGS, items,
                options(ExampleOptions.Mode.SAMPLED_NEGATIVES, T0.plusSeconds(100)), examples::add);
        builder.accept(event("1", EventType.VIEW, "i1", T0, null));
        builder.accept(event("2", EventType.PURCHASE, "i2", T0.plusSeconds(200), null));
        builder.finish();

        assertThat(examples).hasSize(8);
        assertThat(examples.stream().filter(TrainingExample::engaged).map(TrainingExample::itemId))
                .containsExactly("i1", "i2");
        // Negatives of the second engagement exclude what the user already touched.
        assertThat(examples.subList(5, 8)).extracting(TrainingExample::itemId).doesNotContain("i1", "i2");
        assertThat(builder.cases()).hasSize(1);
        assertThat(builder.cases().get(0).itemIds()).hasSize(10).startsWith("i2").doesNotHaveDuplicates();
        assertThat(builder.trainPopularity()).containsExactly(Map.entry("i1", 1L));
    }

    @Test
    void recallNegativesModeDrawsNegativesFromTheUsersRecallCandidatesAsOfTheEvent() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(item("i" + i));
        }
        List<RecallContext> requests = new ArrayList<>();
        // Recall offers i10..i15 plus the positive and the history, which never become negatives.
        Function<RecallContext, List<String>> recall = context -> {
            requests.add(context);
            return List.of("i2", "i10", "i11", "i1", "i12", "i13", "i14", "i15");
        };
        List<TrainingExample> examples = new ArrayList<>();
        ExampleBuilder builder = new ExampleBuilder(SETTINGS, items,
                options(ExampleOptions.Mode.RECALL_NEGATIVES, T0.plusSeconds(100)), new InMemoryFeatureStore(SETTINGS),
                recall, examples::add);
        builder.accept(event("1", EventType.VIEW, "i1", T0, null));
        builder.accept(event("2", EventType.PURCHASE, "i2", T0.plusSeconds(200), null));
        builder.finish();

        assertThat(examples).hasSize(8);
        assertThat(examples.stream().filter(TrainingExample::engaged).map(TrainingExample::itemId))
                .containsExactly("i1", "i2");
        // First engagement (i1, no history): any candidate but i1; second (i2, history i1): only i10..i15.
        assertThat(examples.subList(1, 4)).extracting(TrainingExample::itemId)
                .allMatch(id -> List.of("i2", "i10", "i11", "i12", "i13", "i14", "i15").contains(id))
                .doesNotHaveDuplicates();
        assertThat(examples.subList(5, 8)).extracting(TrainingExample::itemId)
                .allMatch(id -> List.of("i10", "i11", "i12", "i13", "i14", "i15").contains(id))
                .doesNotHaveDuplicates();
        // Recall was asked as of each event, with the history before it: none for the first, i1 for the second.
        assertThat(requests.get(0).history()).isEmpty();
        assertThat(requests.get(0).now()).isEqualTo(T0);
        assertThat(requests.get(1).history()).extracting(r -> r.itemId()).containsExactly("i1");
        assertThat(requests.get(1).now()).isEqualTo(T0.plusSeconds(200));
        // The validation case: the engaged item, then all six recall candidates, then uniform items up to ten.
        assertThat(builder.cases()).hasSize(1);
        assertThat(builder.cases().get(0).itemIds()).hasSize(10).startsWith("i2").doesNotHaveDuplicates();
        assertThat(builder.cases().get(0).itemIds().subList(1, 7))
                .containsExactlyInAnyOrder("i10", "i11", "i12", "i13", "i14", "i15");
    }

    @Test
    void recallNegativesModeNeedsRecall() {
        assertThatThrownBy(() -> new ExampleBuilder(SETTINGS, List.of(item("a")),
                options(ExampleOptions.Mode.RECALL_NEGATIVES, T0), e -> {
                })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recall");
    }

    @Test
    void outOfOrderEventsAreRefused() {
        ExampleBuilder builder = new ExampleBuilder(SETTINGS, List.of(item("a")),
                options(ExampleOptions.Mode.IMPRESSIONS, T0), e -> {
                });
        builder.accept(event("1", EventType.VIEW, "a", T0.plusSeconds(10), null));

        assertThatThrownBy(() -> builder.accept(event("2", EventType.VIEW, "a", T0, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time order");
    }

    private static Item item(String id) {
        return new Item(id, id, "case", "Acme", 10.0, "EUR", true, T0.minus(Duration.ofDays(10)), List.of(), false,
                false);
    }

    private static Event event(String id, EventType type, String item, Instant at, String requestId) {
        return new Event(id, "u1", type, item, at, requestId, null, null, null, EventContext.EMPTY);
    }
}
