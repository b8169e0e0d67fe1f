package io.vitrine.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.recall.RecallTables;

/**
 * The ranker's examples for its real task, ordering the served recall plan's candidates
 * ({@link ExampleOptions.Mode#CANDIDATES}). One replay of the events splits them into a history and held-out labels (a
 * time cut, or a random share of each user's engagements), without leakage:
 * <ul>
 * <li>the history alone builds the feature state and the recall tables the candidates come from, so no candidate's
 * score or feature has seen the engagement it is labelled with;</li>
 * <li>for each user with labels, the served {@link io.vitrine.pipeline.Pipeline} (same settings, same code) recalls and
 * filters candidates as of the end of the history, and each candidate is an example with the ranking features of
 * {@link io.vitrine.rank.RankingFeatures}, its recall evidence included, labelled engaged when the user engaged with it
 * in the labels;</li>
 * <li>a fifth of the users, by hash, are validation users: their examples measure the model, and their lists compare
 * the model's order with the recall order and MostPop.</li>
 * </ul>
 * Every event, history and labels, also feeds the recall tables the bundle serves with. Memory: the feature state, two
 * sets of tables, and the labels.
 */
final class CandidateExamples {
    private final FeatureSettings settings;
    private final PipelineSettings pipeline;
    private final ExampleOptions options;
    private final FeatureUpdater updater;
    private final InMemoryFeatureStore state;
    private final Map<String, Item> catalog = new HashMap<>();
    private final RecallTableTrainer historyTables;
    private final RecallTableTrainer allTables;
    private final Map<String, Set<String>> labels = new HashMap<>();
    private final Map<String, Set<String>> history = new HashMap<>();
    private final Map<String, Long> popularity = new HashMap<>();
    private final java.util.SplittableRandom thinning;
    private long events;
    private long historyEvents;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private long lastHistory = Long.MIN_VALUE;

    CandidateExamples(FeatureSettings settings, PipelineSettings pipeline, TrainingOptions training,
            Collection<Item> items) {
        this.settings = settings;
        this.pipeline = pipeline;
        this.options = training.examples();
        this.updater = new FeatureUpdater(settings);
        this.state = new InMemoryFeatureStore(settings);
        items.forEach(i -> catalog.put(i.itemId(), i));
        state.upsertItems(List.copyOf(items));
        this.historyTables = new RecallTableTrainer(items, settings.popularityHalfLife(), training.als(),
                training.ease());
        this.allTables = new RecallTableTrainer(items, settings.popularityHalfLife(), training.als(),
                training.ease());
        this.thinning = new java.util.SplittableRandom(options.seed() + 3);
    }

    /** Adds the next event (time order). */
    void accept(Event e) {
        long at = e.timestamp().toEpochMilli();
        if (at < last) {
            throw new IllegalArgumentException("events must be in time order: " + e.eventId() + " at "
                    + e.timestamp() + " follows an event at " + Instant.ofEpochMilli(last));
        }
        events++;
        first = Math.min(first, at);
        last = at;
        allTables.accept(e);
        if (heldOut(e)) {
            if (engagement(e)) {
                labels.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.itemId());
            }
            return;
        }
        historyEvents++;
        lastHistory = at;
        historyTables.accept(e);
        state.apply(updater.updatesFor(e, e.itemId() == null ? null : catalog.get(e.itemId())));
        if (engagement(e)) {
            popularity.merge(e.itemId(), 1L, Long::sum);
        }
        if (options.excludeHistory() && e.itemId() != null) {
            history.computeIfAbsent(e.userId(), u -> new HashSet<>()).add(e.itemId());
        }
    }

    private boolean heldOut(Event e) {
        return CandidateRecall.heldOut(e, options);
    }

    /** What a label is: the engagements of the evaluations' relevance (a click, a cart, a purchase). */
    static boolean engagement(Event e) {
        return CandidateRecall.engagement(e);
    }

    /** Whether a user's examples are validation examples: a fifth of the users, by hash. */
    boolean validationUser(String userId) {
        return CandidateRecall.validationUser(userId, options);
    }

    /**
     * Builds the examples: recalls each labelled user's candidates from the history's tables and state.
     *
     * @param train receives the training users' examples
     * @param validation receives the validation users' examples
     * @return the validation users' lists, for the ranking metrics
     */
    Built build(java.util.function.Consumer<TrainingExample> train,
            java.util.function.Consumer<TrainingExample> validation) {
        if (historyEvents == 0 || labels.isEmpty()) {
            throw new IllegalArgumentException("no history before the cut or no engagement after it: use more data"
                    + " or another cut than " + options.validationFrom());
        }
        long recallStart = System.nanoTime();
        RecallTables tables = historyTables.build();
        double recallSeconds = (System.nanoTime() - recallStart) / 1e9;
        Instant now = CandidateRecall.asOf(options, lastHistory);
        CandidateRecall recall = new CandidateRecall(settings, pipeline, tables, state, now);
        List<CandidateRecall.UserList> lists = new ArrayList<>();
        long examples = 0;
        long recalledPositives = 0;
        long positives = 0;
        for (Map.Entry<String, Set<String>> user : new LinkedHashMap<>(labels).entrySet()) {
            String userId = user.getKey();
            Set<String> relevant = user.getValue();
            positives += relevant.size();
            CandidateRecall.Recalled found = recall.recall(userId, relevant, history.getOrDefault(userId, Set.of()));
            List<double[]> vectors = found.vectors();
            List<String> ids = found.itemIds();
            int hits = found.hits();
            boolean validating = validationUser(userId);
            recalledPositives += hits;
            // A user none of whose engagements was recalled teaches the ranker nothing about ordering.
            if (hits > 0 || validating) {
                for (int i = 0; i < vectors.size(); i++) {
                    boolean engaged = relevant.contains(ids.get(i));
                    // Negatives may be thinned to bound training time; validation keeps every candidate.
                    if (!engaged && !validating && options.negativeKeepRate() < 1
                            && thinning.nextDouble() >= options.negativeKeepRate()) {
                        continue;
                    }
                    (validating ? validation : train).accept(new TrainingExample(userId, ids.get(i),
                            now.toEpochMilli(), vectors.get(i), engaged));
                    examples++;
                }
            }
            if (validating) {
                lists.add(new CandidateRecall.UserList(userId, ids, vectors, relevant));
            }
        }
        return new Built(lists, popularity, examples, positives, recalledPositives, recallSeconds, now);
    }

    /** The recall tables of every event (history and labels): what the bundle serves with. */
    RecallTables servedTables() {
        return allTables.build();
    }

    /** The replayed history state (as of the end of the history). */
    InMemoryFeatureStore state() {
        return state;
    }

    long eventCount() {
        return events;
    }

    Optional<Instant> firstEventTime() {
        return events == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(first));
    }

    Optional<Instant> lastEventTime() {
        return events == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
    }

    /**
     * What {@link #build} made.
     *
     * @param lists the validation users' candidate lists
     * @param popularity engagements per item in the history (MostPop)
     * @param examples examples built
     * @param positives held-out engagements (distinct per user)
     * @param recalledPositives of those, how many the recall plan produced as candidates
     * @param recallSeconds time to build the history's tables
     * @param asOf when the candidates were recalled
     */
    record Built(List<CandidateRecall.UserList> lists, Map<String, Long> popularity, long examples, long positives,
            long recalledPositives, double recallSeconds, Instant asOf) {
    }
}
