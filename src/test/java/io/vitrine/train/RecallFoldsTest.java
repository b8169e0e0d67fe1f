package io.vitrine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.Candidate;
import io.vitrine.recall.EaseSettings;
import io.vitrine.recall.RecallContext;

/**
 * Label leakage through the recall score: the target user watches A, then B; nobody else ever touches B, while the
 * other users watch A with C. Recall tables that saw the target's events know B (co-occurring with A, popular) and give
 * the positive example (target, B) a recall score; tables that never saw the target cannot know B at all, as serving
 * could not know a user's future. The examples must be built the second way.
 */
class RecallFoldsTest {
    private static final FeatureSettings SETTINGS = FeatureSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final int RECALL_SCORE = RankingFeatures.NAMES.indexOf("recall.score");

    @Test
    void foldsSplitUsersRoughlyEvenly() {
        long ones = IntStream.range(0, 1000).filter(u -> RecallFolds.fold("user-" + u) == 1).count();
        assertThat(ones).isBetween(400L, 600L);
    }

    @Test
    void thePositivesRecallScoreNeverSeesTheUsersOwnEvents() {
        String target = userIn(0, 0);
        List<Event> events = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            others.add(userIn(1, k));
        }
        int n = 0;
        for (String other : others) {
            events.add(event(n, other, "A", T0.plusSeconds(n)));
            n++;
            events.add(event(n, other, "C", T0.plusSeconds(n)));
            n++;
        }
        events.add(event(n, target, "A", T0.plusSeconds(n)));
        n++;
        Instant positiveAt = T0.plusSeconds(n);
        events.add(event(n, target, "B", positiveAt));

        RecallFolds folds = new RecallFolds(RecallFoldsTest::trainer);
        RecallTableTrainer whole = trainer();
        events.forEach(e -> {
            folds.accept(e);
            whole.accept(e);
        });

        // Unknown to the other fold's tables, B is not recalled, so there is no example of it (the ranker only sees
        // recall candidates), let alone one with a recall score.
        assertThat(positiveScore(events, folds.candidates(), target, positiveAt)).isEmpty();
        // The control: tables built on every event recall B and leak the label into the positive's score.
        assertThat(positiveScore(events, RecallSetup.candidates(whole.build()), target, positiveAt)).hasValueSatisfying(
                score -> assertThat(score).isPositive());
    }

    /** The recall score of the positive example (target, B), if there is one. */
    private static Optional<Double> positiveScore(List<Event> events,
            Function<RecallContext, List<Candidate>> recall, String target, Instant at) {
        List<TrainingExample> examples = new ArrayList<>();
        ExampleBuilder builder = new ExampleBuilder(SETTINGS, items(),
                new ExampleOptions(ExampleOptions.Mode.RECALL_NEGATIVES, Duration.ofMinutes(30), 2, 1.0,
                        T0.plus(Duration.ofDays(1)), 10, 100, 1),
                recall, examples::add);
        events.forEach(builder::accept);
        builder.finish();
        return examples.stream()
                .filter(e -> e.engaged() && e.userId().equals(target) && e.itemId().equals("B")
                        && e.atMillis() == at.toEpochMilli())
                .findFirst()
                .map(e -> e.features()[RECALL_SCORE]);
    }

    private static RecallTableTrainer trainer() {
        return new RecallTableTrainer(items(), Duration.ofDays(3), AlsSettings.defaults().withFactors(4).withThreads(1),
                EaseSettings.defaults().withLambda(1));
    }

    /** The k-th user id (in id order) of the given fold. */
    private static String userIn(int fold, int k) {
        return IntStream.range(0, 10_000)
                .mapToObj(u -> "u" + u)
                .filter(u -> RecallFolds.fold(u) == fold)
                .skip(k)
                .findFirst()
                .orElseThrow();
    }

    private static List<Item> items() {
        return List.of(item("A"), item("B"), item("C"), item("D"));
    }

    private static Item item(String id) {
        return new Item(id, id, "film", null, null, null, true, T0.minus(Duration.ofDays(100)), List.of(), false,
                false);
    }

    private static Event event(int n, String user, String item, Instant at) {
        return new Event("e" + n, user, EventType.CLICK, item, at, null, null, null, null, EventContext.EMPTY);
    }
}
