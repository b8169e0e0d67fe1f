package io.vitrine.train;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.codec.digest.MurmurHash3;

import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.UserFeatures;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.pipeline.Pipeline;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.pipeline.Stages;
import io.vitrine.recall.RecallTables;

/**
 * The per-user step of {@link ExampleOptions.Mode#CANDIDATES} examples, and the rules that split events into history
 * and labels: one definition that the single-JVM trainer ({@link CandidateExamples}) and the Spark trainer (module
 * {@code spark/}, which replays each user's events in an executor) both call, so both build the same examples.
 */
public final class CandidateRecall {
    private final FeatureSettings settings;
    private final PipelineSettings pipeline;
    private final InMemoryFeatureStore state;
    private final Pipeline candidates;
    private final Instant now;

    /**
     * @param tables the recall tables of the history alone
     * @param state the feature state of the history (items, trending lists, and at least the users asked for)
     * @param now when the candidates are recalled ({@link #asOf})
     */
    public CandidateRecall(FeatureSettings settings, PipelineSettings pipeline, RecallTables tables,
            InMemoryFeatureStore state, Instant now) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.state = state;
        this.candidates = Pipeline.of(pipeline, tables, null, ReplayLookups.of(state, settings));
        this.now = now;
    }

    /**
     * The served pipeline's eligible candidates for a user with their ranking features, as of {@link #now()}.
     *
     * @param relevant the user's held-out engagements
     * @param history items to exclude (the user's history when {@link ExampleOptions#excludeHistory()})
     */
    public Recalled recall(String userId, Set<String> relevant, Set<String> history) {
        UserFeatures features = UserFeatures.of(state.read(userId, List.of()).user(), now, settings);
        RecommendRequest request = new RecommendRequest(userId, pipeline.recall().maxCandidates(), null,
                Optional.empty(), history, false);
        Pipeline.Candidates found = candidates.candidates(request, features, now, Stages.NONE);
        List<double[]> vectors = Pipeline.vectors(features, found, now);
        List<String> ids = new ArrayList<>(vectors.size());
        int hits = 0;
        for (int i = 0; i < vectors.size(); i++) {
            String id = found.eligible().get(i).itemId();
            ids.add(id);
            hits += relevant.contains(id) ? 1 : 0;
        }
        return new Recalled(ids, vectors, hits);
    }

    public Instant now() {
        return now;
    }

    /**
     * One user's candidates in recall order.
     *
     * @param itemIds the candidates
     * @param vectors their ranking features, aligned with {@code itemIds}
     * @param hits how many candidates are among the user's held-out engagements
     */
    public record Recalled(List<String> itemIds, List<double[]> vectors, int hits) {
    }

    /**
     * One validation user's candidates, in recall order.
     *
     * @param vectors their ranking features, aligned with {@code itemIds}
     * @param relevant the user's held-out engagements (recalled or not)
     */
    public record UserList(String userId, List<String> itemIds, List<double[]> vectors, Set<String> relevant) {
    }

    /** Whether an event is a label rather than history (labels that are not engagements are dropped). */
    public static boolean heldOut(Event e, ExampleOptions options) {
        if (options.holdout() == ExampleOptions.Holdout.TIME) {
            return !e.timestamp().isBefore(options.validationFrom());
        }
        return engagement(e) && bucket(e.eventId(), options.seed()) < holdoutBuckets(options);
    }

    /** What a label is: the engagements of the evaluations' relevance (a click, a cart, a purchase). */
    public static boolean engagement(Event e) {
        return e.itemId() != null && switch (e.type()) {
            case CLICK, ADD_TO_CART, PURCHASE -> true;
            default -> false;
        };
    }

    /** Whether a user's examples are validation examples: a fifth of the users, by hash. */
    public static boolean validationUser(String userId, ExampleOptions options) {
        return bucket(userId, options.seed() + 1) < 2_000;
    }

    /** When the candidates are recalled: the time cut, or just after the last history event. */
    public static Instant asOf(ExampleOptions options, long lastHistoryMillis) {
        return options.holdout() == ExampleOptions.Holdout.TIME
                ? options.validationFrom()
                : Instant.ofEpochMilli(lastHistoryMillis + 1);
    }

    private static int holdoutBuckets(ExampleOptions options) {
        return (int) Math.round(options.holdoutFraction() * 10_000);
    }

    /** A stable bucket in [0, 10000) of a text (MurmurHash3 x86 32-bit, seeded). */
    public static int bucket(String text, long seed) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return (int) (Integer.toUnsignedLong(MurmurHash3.hash32x86(bytes, 0, bytes.length, (int) seed)) % 10_000);
    }
}
