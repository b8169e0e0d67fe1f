package io.vitrine.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.catalog.Item;
import io.vitrine.experiment.Treatment;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.ScoredItem;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelRegistry;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.pipeline.Stages;
import io.vitrine.port.Deadline;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.ObjectStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.rerank.RankedItem;
import io.vitrine.storage.FileObjectStore;

/** The request deadline: a store that hangs yields a degraded answer, not a hung request. */
class RecommendServiceTest {
    private static final FeatureSettings SETTINGS = FeatureSettings.defaults();
    /** Trending and new arrivals only (10 each), no exploration. */
    private static final PipelineSettings LIVE_LISTS_ONLY = PipelineParameters.apply(PipelineSettings.defaults(),
            Map.of("recall.ease.quota", 0, "recall.item_cf.quota", 0, "recall.embedding.quota", 0,
                    "recall.popular.quota", 0, "recall.affinity.quota", 0, "recall.trending.quota", 10,
                    "recall.new_arrivals.quota", 10, "recall.max-candidates", 100, "rerank.exploration.epsilon", 0));
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @TempDir
    Path models;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Items a and b, trending in that order. */
    private static InMemoryFeatureStore twoTrendingItems() {
        InMemoryFeatureStore data = new InMemoryFeatureStore(SETTINGS);
        Instant now = Instant.now();
        data.upsertItems(List.of(new Item("a", "a", "case", "acme", 10.0, "EUR", true, now, List.of(), false, false),
                new Item("b", "b", "case", "acme", 10.0, "EUR", true, now, List.of(), false, false)));
        data.apply(List.of(new FeatureUpdate.Trend("global", SETTINGS.trendingDecay().generation(now.toEpochMilli()),
                "a", 5, Duration.ofDays(2)),
                new FeatureUpdate.Trend("global", SETTINGS.trendingDecay()
                        .generation(now.toEpochMilli()), "b", 3, Duration.ofDays(2))));
        return data;
    }

    /** Trending and new arrivals only, no model, a 300 ms request timeout. */
    private RecommendService service(FeatureStore features, InMemoryFeatureStore catalog) {
        return new RecommendService(features, catalog, SETTINGS,
                new ModelRegistry(new BundleReader(new FileObjectStore(models), "schema"), Duration.ofHours(1),
                        Clock.systemUTC()),
                LIVE_LISTS_ONLY, Map.of(), ServingSettings.of(Duration.ofMillis(300)), Clock.systemUTC(),
                Stages.NONE, executor);
    }

    @Test
    void aHangingStoreGivesADegradedAnswerAtTheDeadline() {
        InMemoryFeatureStore data = twoTrendingItems();
        AtomicBoolean hang = new AtomicBoolean();
        RecommendService service = service(new HangingStore(data, hang), data);
        RecommendRequest request = new RecommendRequest("u", 5, null, Optional.empty(), Set.of(), false);

        Recommendation healthy = service.recommend(request);
        hang.set(true);
        long start = System.nanoTime();
        Recommendation slow = service.recommend(request);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(healthy.degraded()).isFalse();
        assertThat(healthy.items()).extracting(RankedItem::itemId).contains("a", "b");
        assertThat(slow.degraded()).isTrue();
        assertThat(slow.items()).extracting(RankedItem::itemId).containsExactly("a", "b");
        // The store would answer after 2 s; the request gave up at its 300 ms deadline.
        assertThat(elapsedMillis).isLessThan(1500);
    }

    @Test
    void aRequestThatWaitedOutItsTimeoutInTheQueueGetsTheFallbackWithoutReadingTheStore() {
        InMemoryFeatureStore data = twoTrendingItems();
        AtomicInteger reads = new AtomicInteger();
        RecommendService service = service(new HangingStore(data, new AtomicBoolean(), reads), data);
        RecommendRequest request = new RecommendRequest("u", 5, null, Optional.empty(), Set.of(), false);
        assertThat(service.recommend(request).degraded()).isFalse();
        int readsBefore = reads.get();

        Recommendation late = service.recommend(request, Treatment.none("r-late"),
                System.nanoTime() - Duration.ofSeconds(1).toNanos());
        int readsAfterLate = reads.get();
        Recommendation onTime = service.recommend(request, Treatment.none("r-on-time"), System.nanoTime());

        assertThat(late.degraded()).isTrue();
        assertThat(late.requestId()).isEqualTo("r-late");
        assertThat(late.items()).extracting(RankedItem::itemId).containsExactly("a", "b");
        assertThat(readsAfterLate).as("the late request started no work").isEqualTo(readsBefore);
        assertThat(onTime.degraded()).isFalse();
        assertThat(reads.get()).as("the request on time read the store").isGreaterThan(readsAfterLate);
    }

    @Test
    void aStageOverItsBudgetGivesADegradedAnswerBeforeTheRequestDeadline() {
        InMemoryFeatureStore data = new InMemoryFeatureStore(SETTINGS);
        Instant now = Instant.now();
        data.upsertItems(List.of(new Item("a", "a", "case", "acme", 10.0, "EUR", true, now, List.of(), false, false)));
        data.apply(List.of(new FeatureUpdate.Trend("global", SETTINGS.trendingDecay().generation(now.toEpochMilli()),
                "a", 5, Duration.ofDays(2))));
        AtomicBoolean hang = new AtomicBoolean();
        ModelRegistry models = new ModelRegistry(new BundleReader(new FileObjectStore(models()), "schema"),
                Duration.ofHours(1), Clock.systemUTC());
        RecommendRequest request = new RecommendRequest("u", 5, null, Optional.empty(), Set.of(), false);
        // The request deadline (10 s) is far; the recall stage (which reads the trending lists) has 100 ms.
        RecommendService budgeted = new RecommendService(new SlowTrending(data, hang), data, SETTINGS, models,
                TRENDING_ONLY, Map.of(), serving(Map.of("recall", Duration.ofMillis(100))), Clock.systemUTC(),
                Stages.NONE, executor);
        RecommendService unbudgeted = new RecommendService(new SlowTrending(data, hang), data, SETTINGS, models,
                TRENDING_ONLY, Map.of(), serving(Map.of()), Clock.systemUTC(), Stages.NONE, executor);

        assertThat(budgeted.recommend(request).degraded()).isFalse();
        hang.set(true);
        long start = System.nanoTime();
        Recommendation slow = budgeted.recommend(request);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(slow.degraded()).isTrue();
        assertThat(elapsedMillis).as("answered at the stage budget, not after the 2 s store call").isLessThan(1_500);
        assertThat(unbudgeted.recommend(request).degraded()).as("no budget: the 2 s store is awaited").isFalse();
    }

    @Test
    void theCheckForANewModelNeverRunsOnTheRequestThread() throws Exception {
        InMemoryFeatureStore data = twoTrendingItems();
        List<String> readers = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
        ObjectStore files = new FileObjectStore(models);
        ObjectStore store = new ObjectStore() {
            @Override
            public java.net.URI location() {
                return files.location();
            }

            @Override
            public void put(String key, byte[] content) {
                files.put(key, content);
            }

            @Override
            public Optional<byte[]> get(String key) {
                readers.add(Thread.currentThread().getName());
                checked.countDown();
                return files.get(key);
            }

            @Override
            public List<String> list(String prefix) {
                return files.list(prefix);
            }

            @Override
            public void delete(String key) {
                files.delete(key);
            }
        };
        // A poll interval of zero: every request finds the check due.
        ModelRegistry registry = new ModelRegistry(new BundleReader(store, "schema"), Duration.ZERO,
                Clock.systemUTC());
        RecommendService service = new RecommendService(data, data, SETTINGS, registry, LIVE_LISTS_ONLY, Map.of(),
                ServingSettings.of(Duration.ofSeconds(5)), Clock.systemUTC(), Stages.NONE, executor);
        String requestThread = Thread.currentThread().getName();

        Recommendation answer = service.recommend(new RecommendRequest("u", 5, null, Optional.empty(), Set.of(),
                false));

        assertThat(answer.degraded()).isFalse();
        assertThat(checked.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the request started a check").isTrue();
        assertThat(readers).isNotEmpty()
                .allMatch(name -> name.equals("vitrine-model-check"))
                .doesNotContain(requestThread);
    }

    @Test
    void aSceneWithAPlanOfItsOwnRunsThatPlanAndOtherScenesTheDefault() {
        InMemoryFeatureStore data = twoTrendingItems();
        ModelRegistry registry = new ModelRegistry(new BundleReader(new FileObjectStore(models), "schema"),
                Duration.ofHours(1), Clock.systemUTC());
        PipelineSettings nothing = PipelineParameters.apply(LIVE_LISTS_ONLY, Map.of("recall.trending.quota", 0,
                "recall.new_arrivals.quota", 0));
        RecommendService service = new RecommendService(data, data, SETTINGS, registry, LIVE_LISTS_ONLY,
                Map.of("empty", nothing), ServingSettings.of(Duration.ofSeconds(5)), Clock.systemUTC(), Stages.NONE,
                executor);

        Recommendation home = service.recommend(new RecommendRequest("u", 5, "home", Optional.empty(), Set.of(),
                false));
        Recommendation empty = service.recommend(new RecommendRequest("u", 5, "empty", Optional.empty(), Set.of(),
                false));

        assertThat(home.items()).extracting(RankedItem::itemId).contains("a", "b");
        assertThat(home.items()).allSatisfy(item -> assertThat(item.sources()).contains("trending"));
        assertThat(empty.degraded()).isFalse();
        assertThat(empty.items()).isEmpty();
    }

    private Path models() {
        return models;
    }

    private static final PipelineSettings TRENDING_ONLY = PipelineParameters.apply(LIVE_LISTS_ONLY,
            Map.of("recall.new_arrivals.quota", 0));

    /** A 10 s request timeout, no cache (every request reads the trending lists), and stage budgets. */
    private static ServingSettings serving(Map<String, Duration> stageBudgets) {
        return ServingSettings.of(Duration.ofSeconds(10)).withCacheTtl(Duration.ZERO).withStageBudgets(stageBudgets);
    }

    /**
     * Delegates; only the trending lists take two seconds while {@code hang} is set, and like the Redis adapter it
     * waits no longer than the stage's remaining budget.
     */
    private record SlowTrending(FeatureStore delegate, AtomicBoolean hang) implements FeatureStore {
        @Override
        public void apply(List<FeatureUpdate> updates) {
            delegate.apply(updates);
        }

        @Override
        public FeatureSnapshot read(String userId, Collection<String> itemIds) {
            return delegate.read(userId, itemIds);
        }

        @Override
        public boolean eraseUser(String userId) {
            return delegate.eraseUser(userId);
        }

        @Override
        public Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now) {
            if (hang.get()) {
                Duration wait = Deadline.remaining(Duration.ofSeconds(2));
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (wait.compareTo(Duration.ofSeconds(2)) < 0) {
                    throw new StoreUnavailableException("trending timed out", null);
                }
            }
            return delegate.trending(scopes, limit, now);
        }
    }

    /** Delegates; counts the calls that read, and hangs for two seconds per call while {@code hang} is set. */
    private record HangingStore(FeatureStore delegate, AtomicBoolean hang,
            AtomicInteger reads) implements FeatureStore {
        HangingStore(FeatureStore delegate, AtomicBoolean hang) {
            this(delegate, hang, new AtomicInteger());
        }

        @Override
        public void apply(List<FeatureUpdate> updates) {
            pause();
            delegate.apply(updates);
        }

        @Override
        public FeatureSnapshot read(String userId, Collection<String> itemIds) {
            reads.incrementAndGet();
            pause();
            return delegate.read(userId, itemIds);
        }

        @Override
        public Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now) {
            reads.incrementAndGet();
            pause();
            return delegate.trending(scopes, limit, now);
        }

        @Override
        public boolean eraseUser(String userId) {
            return delegate.eraseUser(userId);
        }

        private void pause() {
            if (hang.get()) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
