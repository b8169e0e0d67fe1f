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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.catalog.Item;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureStore;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.InMemoryStore;
import io.vitrine.feature.ScoredItem;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelRegistry;
import io.vitrine.storage.FileObjectStore;

/** The request deadline: a store that hangs yields a degraded answer, not a hung request. */
class RecommendServiceTest {
    private static final FeatureSettings SETTINGS = FeatureSettings.defaults();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @TempDir
    Path models;

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aHangingStoreGivesADegradedAnswerAtTheDeadline() {
        InMemoryStore data = new InMemoryStore(SETTINGS);
        Instant now = Instant.now();
        data.upsertItems(List.of(new Item("a", "a", "case", "acme", 10.0, "EUR", true, now, List.of(), false, false),
                new Item("b", "b", "case", "acme", 10.0, "EUR", true, now, List.of(), false, false)));
        data.apply(List.of(new FeatureUpdate.Trend("global", SETTINGS.trendingDecay().generation(now.toEpochMilli()),
                "a", 5, Duration.ofDays(2)),
                new FeatureUpdate.Trend("global", SETTINGS.trendingDecay()
                        .generation(now.toEpochMilli()), "b", 3, Duration.ofDays(2))));
        AtomicBoolean hang = new AtomicBoolean();
        RecommendService service = new RecommendService(new HangingStore(data, hang), data, SETTINGS,
                new ModelRegistry(new BundleReader(new FileObjectStore(models), "schema"), Duration.ofHours(1),
                        Clock.systemUTC()),
                new RecommendSettings(Map.of("trending", 10, "new_arrivals", 10), 100, 3, 4, 10, 14, 0.3, 0.2, 0,
                        Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofSeconds(5), 1000,
                        Duration.ofDays(30), Duration.ofMillis(300)),
                Clock.systemUTC(), Stages.NONE, executor);
        RecommendRequest request = new RecommendRequest("u", 5, null, Optional.empty(), Set.of(), false);

        RecommendResponse healthy = service.recommend(request);
        hang.set(true);
        long start = System.nanoTime();
        RecommendResponse slow = service.recommend(request);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(healthy.degraded()).isFalse();
        assertThat(healthy.items()).extracting(RecommendResponse.RecommendedItem::itemId).contains("a", "b");
        assertThat(slow.degraded()).isTrue();
        assertThat(slow.items()).extracting(RecommendResponse.RecommendedItem::itemId).containsExactly("a", "b");
        // The store would answer after 2 s; the request gave up at its 300 ms deadline.
        assertThat(elapsedMillis).isLessThan(1500);
    }

    /** Delegates, or hangs for two seconds per call while {@code hang} is set. */
    private record HangingStore(FeatureStore delegate, AtomicBoolean hang) implements FeatureStore {
        @Override
        public void apply(List<FeatureUpdate> updates) {
            pause();
            delegate.apply(updates);
        }

        @Override
        public FeatureSnapshot read(String userId, Collection<String> itemIds) {
            pause();
            return delegate.read(userId, itemIds);
        }

        @Override
        public Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now) {
            pause();
            return delegate.trending(scopes, limit, now);
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
