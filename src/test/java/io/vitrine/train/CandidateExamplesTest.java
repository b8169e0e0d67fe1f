package io.vitrine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;

/** The ranker's examples over recall candidates: labels after the cut, nothing of them in what the candidates saw. */
class CandidateExamplesTest {
    private static final FeatureSettings SETTINGS = FeatureSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant CUT = T0.plus(Duration.ofDays(5));

    private static Item item(String id) {
        return new Item(id, id, "c-" + id.charAt(0), "brand", 10.0, "EUR", true, T0.minus(Duration.ofDays(400)),
                List.of(), false, false);
    }

    private static Event click(String user, String item, Instant at, int n) {
        return new Event(user + "-" + item + "-" + n, user, EventType.CLICK, item, at, null, null, null, null,
                EventContext.EMPTY);
    }

    private static CandidateExamples examples() {
        return new CandidateExamples(SETTINGS, PipelineSettings.defaults(), new TrainingOptions(
                ExampleOptions.candidates(CUT).withSeed(3), TrainerParameters.defaults(), 100_000,
                AlsSettings.defaults().withFactors(4).withIterations(2).withThreads(1), EaseSettings.defaults()),
                items());
    }

    private static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(item("a" + i));
        }
        items.add(item("fresh"));
        return items;
    }

    /**
     * Thirty users click a0 to a9 before the cut; after it, each clicks "fresh" and a0. Were the labels in the tables
     * or the state, "fresh" would be everyone's strongest co-occurrence and most popular item.
     */
    private static List<Event> events() {
        List<Event> events = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            for (int u = 0; u < 30; u++) {
                for (int i = 0; i < 10; i++) {
                    if ((u + i + day) % 3 == 0) {
                        events.add(click("u" + u, "a" + i, T0.plus(Duration.ofDays(day)).plusSeconds(u * 60L + i),
                                day));
                    }
                }
            }
        }
        for (int u = 0; u < 30; u++) {
            events.add(click("u" + u, "fresh", CUT.plusSeconds(60 + u), 9));
            events.add(click("u" + u, "a0", CUT.plusSeconds(3600 + u), 9));
        }
        events.sort(java.util.Comparator.comparing(Event::timestamp));
        return events;
    }

    @Test
    void theLabelsAfterTheCutLeaveNoTraceInTheCandidatesOrTheirFeatures() {
        CandidateExamples candidates = examples();
        events().forEach(candidates::accept);
        List<TrainingExample> all = new ArrayList<>();

        CandidateExamples.Built built = candidates.build(all::add, all::add);

        assertThat(built.positives()).isEqualTo(60);
        assertThat(built.asOf()).isEqualTo(CUT);
        int popularity = RankingFeatures.NAMES.indexOf("item.log_engagements");
        int viewed = RankingFeatures.NAMES.indexOf("item.pop_click");
        for (String source : List.of("ease", "item_cf", "embedding", "popular", "affinity", "recent")) {
            int rank = RankingFeatures.NAMES.indexOf("recall." + source + ".rank");
            assertThat(all).filteredOn(e -> e.itemId().equals("fresh"))
                    .as("no table or history built from before the cut knows 'fresh' (%s)", source)
                    .allSatisfy(e -> assertThat(e.features()[rank]).isEqualTo(-1.0));
        }
        assertThat(all).filteredOn(e -> e.itemId().equals("fresh"))
                .allSatisfy(e -> assertThat(e.features()[popularity]).isZero())
                .allSatisfy(e -> assertThat(e.features()[viewed]).isZero());
        // a0 was recalled from the history and is labelled engaged for every user who clicked it after the cut.
        assertThat(all).filteredOn(e -> e.itemId().equals("a0") && e.engaged()).isNotEmpty();
        assertThat(all).filteredOn(TrainingExample::engaged)
                .allSatisfy(e -> assertThat(e.itemId()).isIn("a0",
                        "fresh"));
    }

    @Test
    void aFifthOfTheUsersValidateAndTheirListsAreKept() {
        CandidateExamples candidates = examples();
        events().forEach(candidates::accept);
        List<TrainingExample> train = new ArrayList<>();
        List<TrainingExample> validation = new ArrayList<>();

        CandidateExamples.Built built = candidates.build(train::add, validation::add);

        assertThat(built.lists()).isNotEmpty()
                .allSatisfy(list -> assertThat(candidates.validationUser(
                        list.userId())).isTrue());
        assertThat(validation).allSatisfy(e -> assertThat(candidates.validationUser(e.userId())).isTrue());
        assertThat(train).allSatisfy(e -> assertThat(candidates.validationUser(e.userId())).isFalse());
        assertThat(built.lists().size()).isBetween(1, 15);
    }
}
