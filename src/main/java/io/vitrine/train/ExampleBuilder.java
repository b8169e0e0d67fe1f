package io.vitrine.train;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.UserFeatures;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.RecallContext;

/**
 * Builds point-in-time examples by replaying time-ordered events through the online feature code
 * ({@link FeatureUpdater}) into an {@link InMemoryFeatureStore}. Events with the same timestamp form a group: every
 * example of a group is read before any of the group's events is applied, so an example sees exactly the events
 * strictly before its own time. An impression waits until its attribution window has passed, then is emitted with its
 * label. Memory: the feature state of users and items, plus the impressions of one attribution window.
 */
public final class ExampleBuilder {
    private final FeatureSettings settings;
    private final FeatureUpdater updater;
    private final InMemoryFeatureStore store;
    private final Map<String, Item> catalog;
    private final List<String> candidatePool;
    private final ExampleOptions options;
    private final Consumer<TrainingExample> sink;
    private final Function<RecallContext, List<String>> recall;
    private final SplittableRandom random;
    private final long windowMillis;
    private final long validationFromMillis;

    private final List<Event> group = new ArrayList<>();
    private long groupTime = Long.MIN_VALUE;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Map<String, List<Pending>> pendingByPair = new HashMap<>();
    private final Reservoir<RankingCase> cases;
    private final Map<String, Long> trainPopularity = new HashMap<>();
    private long events;
    private long emitted;
    private long positives;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;

    /**
     * @param catalog every item (unknown items still get examples, without catalog features)
     * @param sink receives examples in emission order
     */
    public ExampleBuilder(FeatureSettings settings, Collection<Item> catalog, ExampleOptions options,
            Consumer<TrainingExample> sink) {
        this(settings, catalog, options, new InMemoryFeatureStore(settings), null, sink);
    }

    /**
     * @param catalog every item (unknown items still get examples, without catalog features)
     * @param state an empty store the replay builds the feature state in (the recall candidates read it)
     * @param recall the recall candidates of a request, best first ({@link ExampleOptions.Mode#RECALL_NEGATIVES} draws
     *            its negatives and validation candidates from them); required in that mode, ignored otherwise
     * @param sink receives examples in emission order
     */
    public ExampleBuilder(FeatureSettings settings, Collection<Item> catalog, ExampleOptions options,
            InMemoryFeatureStore state, Function<RecallContext, List<String>> recall, Consumer<TrainingExample> sink) {
        if (options.mode() == ExampleOptions.Mode.RECALL_NEGATIVES && recall == null) {
            throw new IllegalArgumentException("RECALL_NEGATIVES needs the recall candidates");
        }
        this.recall = recall;
        this.settings = settings;
        this.updater = new FeatureUpdater(settings);
        this.store = state;
        this.catalog = new HashMap<>();
        List<String> pool = new ArrayList<>();
        for (Item item : catalog) {
            this.catalog.put(item.itemId(), item);
            if (item.inStock() && !item.blocked()) {
                pool.add(item.itemId());
            }
        }
        this.store.upsertItems(List.copyOf(catalog));
        this.candidatePool = List.copyOf(pool);
        this.options = options;
        this.sink = sink;
        this.random = new SplittableRandom(options.seed());
        this.cases = options.maxCases() == 0 ? null : new Reservoir<>(options.maxCases(), options.seed() + 2);
        this.windowMillis = options.attributionWindow().toMillis();
        this.validationFromMillis = options.validationFrom().toEpochMilli();
    }

    /**
     * Adds the next event.
     *
     * @throws IllegalArgumentException if the event is older than the previous one (input must be in time order)
     */
    public void accept(Event event) {
        long at = event.timestamp().toEpochMilli();
        if (at < groupTime) {
            throw new IllegalArgumentException("events must be in time order: " + event.eventId() + " at "
                    + event.timestamp() + " follows an event at " + Instant.ofEpochMilli(groupTime));
        }
        if (at > groupTime) {
            flushGroup();
            groupTime = at;
        }
        group.add(event);
        events++;
        minTime = Math.min(minTime, at);
        maxTime = Math.max(maxTime, at);
    }

    /** Emits everything still pending; call once after the last event. */
    public void finish() {
        flushGroup();
        while (!pending.isEmpty()) {
            emit(pending.pollFirst());
        }
    }

    /** The ranking cases of the validation window (a reservoir sample of at most {@code maxCases}). */
    public List<RankingCase> cases() {
        return cases == null ? List.of() : List.copyOf(cases.sample());
    }

    /** Engagements per item before the validation window: the MostPop baseline. */
    public Map<String, Long> trainPopularity() {
        return Map.copyOf(trainPopularity);
    }

    /** The replayed feature state: after {@link #finish()}, the state as of the last event. */
    public InMemoryFeatureStore store() {
        return store;
    }

    public long eventCount() {
        return events;
    }

    public long exampleCount() {
        return emitted;
    }

    public long positiveCount() {
        return positives;
    }

    /** Time of the first event, or empty when none was seen. */
    public Optional<Instant> firstEventTime() {
        return events == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(minTime));
    }

    /** Time of the last event, or empty when none was seen. */
    public Optional<Instant> lastEventTime() {
        return events == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(maxTime));
    }

    private void flushGroup() {
        if (group.isEmpty()) {
            return;
        }
        long t = groupTime;
        while (!pending.isEmpty() && pending.peekFirst().atMillis + windowMillis < t) {
            emit(pending.pollFirst());
        }
        // 1. Engagements label impressions shown strictly before them.
        for (Event e : group) {
            if (isEngagement(e)) {
                label(e, t);
            }
        }
        // 2. Examples of this instant, from the state before any of its events.
        if (options.mode() == ExampleOptions.Mode.IMPRESSIONS) {
            Map<String, List<Event>> impressionsByUser = new LinkedHashMap<>();
            for (Event e : group) {
                if (e.type() == EventType.IMPRESSION) {
                    impressionsByUser.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
                }
            }
            impressionsByUser.forEach((userId, impressions) -> {
                List<String> itemIds = impressions.stream().map(Event::itemId).toList();
                List<double[]> vectors = vectors(userId, itemIds, t);
                for (int i = 0; i < impressions.size(); i++) {
                    Pending p = new Pending(impressions.get(i), t, vectors.get(i));
                    pending.addLast(p);
                    pendingByPair.computeIfAbsent(pair(userId, p.event.itemId()), k -> new ArrayList<>()).add(p);
                }
            });
        } else {
            for (Event e : group) {
                if (isEngagement(e)) {
                    sampledExamples(e, t);
                }
            }
        }
        for (Event e : group) {
            if (isEngagement(e)) {
                if (t < validationFromMillis) {
                    trainPopularity.merge(e.itemId(), 1L, Long::sum);
                } else {
                    offerCase(e, t);
                }
            }
        }
        // 3. Only now do this instant's events change the state.
        for (Event e : group) {
            store.apply(updater.updatesFor(e, e.itemId() == null ? null : catalog.get(e.itemId())));
        }
        group.clear();
    }

    private boolean isEngagement(Event e) {
        if (e.itemId() == null) {
            return false;
        }
        return switch (e.type()) {
            case CLICK, ADD_TO_CART, PURCHASE -> true;
            // Without impressions, views are the weakest engagement there is (e.g. page views in Taobao data).
            case VIEW -> options.mode().drawsNegatives();
            default -> false;
        };
    }

    private void label(Event engagement, long t) {
        List<Pending> candidates = pendingByPair.get(pair(engagement.userId(), engagement.itemId()));
        if (candidates == null) {
            return;
        }
        Pending match = null;
        for (Pending p : candidates) {
            if (p.atMillis < t && (match == null || p.atMillis >= match.atMillis)) {
                if (engagement.requestId() != null && engagement.requestId().equals(p.event.requestId())) {
                    match = p;
                    break;
                }
                match = p;
            }
        }
        if (match != null) {
            match.engaged = true;
        }
    }

    private void sampledExamples(Event positive, long t) {
        List<String> itemIds = new ArrayList<>();
        itemIds.add(positive.itemId());
        itemIds.addAll(sampleOthers(positive, options.negativesPerPositive(), t));
        List<double[]> vectors = vectors(positive.userId(), itemIds, t);
        for (int i = 0; i < itemIds.size(); i++) {
            deliver(new TrainingExample(positive.userId(), itemIds.get(i), t, vectors.get(i), i == 0));
        }
    }

    private void offerCase(Event engagement, long t) {
        int slot = cases == null ? -1 : cases.admit();
        if (slot < 0) {
            return;
        }
        List<String> itemIds = new ArrayList<>();
        itemIds.add(engagement.itemId());
        itemIds.addAll(sampleOthers(engagement, options.caseCandidates() - 1, t));
        RankingCase c = new RankingCase(engagement.userId(), t, itemIds, vectors(engagement.userId(), itemIds, t));
        cases.put(slot, c);
    }

    /**
     * Items the user has not touched recently: uniformly from the user's recall candidates as of {@code t}
     * ({@link ExampleOptions.Mode#RECALL_NEGATIVES}), then (or otherwise) uniformly from the recommendable catalog.
     */
    private List<String> sampleOthers(Event positive, int count, long t) {
        Set<String> exclude = new HashSet<>();
        exclude.add(positive.itemId());
        for (RecentItem r : store.read(positive.userId(), List.of()).user().interacted()) {
            exclude.add(r.itemId());
        }
        List<String> out = new ArrayList<>(count);
        if (options.mode() == ExampleOptions.Mode.RECALL_NEGATIVES) {
            Instant now = Instant.ofEpochMilli(t);
            UserFeatures user = UserFeatures.of(store.read(positive.userId(), List.of()).user(), now, settings);
            List<String> candidates = new ArrayList<>();
            for (String id : recall.apply(new RecallContext(positive.userId(), user.interacted(), Optional.empty(),
                    user.categoryAffinity(), user.brandAffinity(), exclude, now))) {
                if (!exclude.contains(id)) {
                    candidates.add(id);
                }
            }
            // A partial Fisher-Yates shuffle: a uniform sample without replacement.
            for (int i = 0; i < candidates.size() && out.size() < count; i++) {
                int j = i + random.nextInt(candidates.size() - i);
                String picked = candidates.set(j, candidates.get(i));
                candidates.set(i, picked);
                exclude.add(picked);
                out.add(picked);
            }
            if (out.size() == count) {
                return out;
            }
        }
        int available = out.size() + candidatePool.size() - exclude.size();
        for (int tries = 0; out.size() < Math.min(count, Math.max(0, available)) && tries < count * 20; tries++) {
            String candidate = candidatePool.get(random.nextInt(candidatePool.size()));
            if (exclude.add(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }

    private List<double[]> vectors(String userId, List<String> itemIds, long t) {
        Instant now = Instant.ofEpochMilli(t);
        FeatureSnapshot snapshot = store.read(userId, itemIds);
        UserFeatures user = UserFeatures.of(snapshot.user(), now, settings);
        List<double[]> out = new ArrayList<>(itemIds.size());
        RankingFeatures.ForUser pairs = RankingFeatures.forUser(user, now);
        for (String itemId : itemIds) {
            out.add(pairs.vector(ItemFeatures.of(snapshot.items().get(itemId), now, settings), null));
        }
        return out;
    }

    private void emit(Pending p) {
        List<Pending> same = pendingByPair.get(pair(p.event.userId(), p.event.itemId()));
        if (same != null) {
            same.remove(p);
            if (same.isEmpty()) {
                pendingByPair.remove(pair(p.event.userId(), p.event.itemId()));
            }
        }
        if (!p.engaged && options.negativeKeepRate() < 1 && random.nextDouble() >= options.negativeKeepRate()) {
            return;
        }
        deliver(new TrainingExample(p.event.userId(), p.event.itemId(), p.atMillis, p.vector, p.engaged));
    }

    private void deliver(TrainingExample example) {
        emitted++;
        if (example.engaged()) {
            positives++;
        }
        sink.accept(example);
    }

    private static String pair(String userId, String itemId) {
        return userId + '\u0000' + itemId;
    }

    /** An impression waiting for its attribution window to pass. */
    private static final class Pending {
        final Event event;
        final long atMillis;
        final double[] vector;
        boolean engaged;

        Pending(Event event, long atMillis, double[] vector) {
            this.event = event;
            this.atMillis = atMillis;
            this.vector = vector;
        }
    }
}
