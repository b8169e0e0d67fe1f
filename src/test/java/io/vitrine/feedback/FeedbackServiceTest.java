package io.vitrine.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.Item;
import io.vitrine.catalog.UserProfile;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventPolicy;
import io.vitrine.event.EventType;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureSnapshot;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.ScoredItem;
import io.vitrine.memory.InMemoryEventLog;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.EventLog;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.wire.EventInput;
import io.vitrine.wire.EventValidator;

/** The ordering guarantees of ingestion, with stores that fail on purpose. */
class FeedbackServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final EventValidator VALIDATOR = new EventValidator(
            new EventPolicy(500, Duration.ofMinutes(5), Optional.of(Duration.ofDays(3))));
    private final InMemoryFeatureStore store = new InMemoryFeatureStore(FeatureSettings.defaults());
    private final InMemoryEventLog log = new InMemoryEventLog();

    @Test
    void aCatalogOutageStoresNothing() {
        FeedbackService service = service(log, failingCatalog(), store);

        assertThatThrownBy(() -> service.ingest(List.of(click("e1")), false, List.of()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(log.read(null, 10)).isEmpty();
    }

    @Test
    void aFailedFeatureUpdateAfterTheAppendStillAcknowledgesTheStoredEvents() {
        FeedbackService service = service(log, store, failingFeatures());

        FeedbackService.Result result = service.ingest(List.of(click("e1"), click("e2")), true, List.of());

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.featuresUpdated()).isFalse();
        assertThat(log.read(null, 10)).hasSize(2);
    }

    @Test
    void duplicatesDoNotUpdateFeaturesTwice() {
        FeedbackService service = service(log, store, store);

        service.ingest(List.of(click("e1")), false, List.of());
        FeedbackService.Result retry = service.ingest(List.of(click("e1")), false, List.of());

        assertThat(retry.accepted()).isZero();
        assertThat(retry.duplicates()).isEqualTo(1);
        assertThat(store.read("u1", List.of()).user().fields().get("n:click")).isEqualTo("1.0");
    }

    @Test
    void aStreamOfValidEventsIsIngestedInBatchesAndRepeatsCountOnce() {
        FeedbackService service = service(log, store, store);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1201; i++) {
            // The last event repeats the first, in another batch.
            events.add(new Event("e" + (i % 1200), "u1", EventType.VIEW, "p1", NOW.minusSeconds(1201 - i), null,
                    null, null, null, EventContext.EMPTY));
        }

        long accepted = service.ingestValid(events::forEach, 500);

        assertThat(accepted).isEqualTo(1200);
        assertThat(log.read(null, 2000)).hasSize(1200);
        assertThat(store.read("u1", List.of()).user().fields().get("n:view")).isEqualTo("1200.0");
    }

    private static FeedbackService service(EventLog log, CatalogStore catalog, FeatureStore features) {
        return new FeedbackService(VALIDATOR, log, catalog, features, new FeatureUpdater(FeatureSettings.defaults()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static EventInput click(String id) {
        return new EventInput(id, "u1", "click", "p1", null, null, null, null, null, null);
    }

    private static CatalogStore failingCatalog() {
        return new CatalogStore() {
            @Override
            public void upsertItems(List<Item> items) {
                throw unavailable();
            }

            @Override
            public void upsertUsers(List<UserProfile> users) {
                throw unavailable();
            }

            @Override
            public Map<String, Item> items(Collection<String> itemIds) {
                throw unavailable();
            }

            @Override
            public Optional<UserProfile> user(String userId) {
                throw unavailable();
            }

            @Override
            public Map<String, List<ScoredItem>> newArrivals(List<String> scopes, Instant since, int limit) {
                throw unavailable();
            }
        };
    }

    private static FeatureStore failingFeatures() {
        return new FeatureStore() {
            @Override
            public void apply(List<FeatureUpdate> updates) {
                throw unavailable();
            }

            @Override
            public FeatureSnapshot read(String userId, Collection<String> itemIds) {
                throw unavailable();
            }

            @Override
            public Map<String, List<ScoredItem>> trending(List<String> scopes, int limit, Instant now) {
                throw unavailable();
            }

            @Override
            public boolean eraseUser(String userId) {
                throw unavailable();
            }
        };
    }

    private static StoreUnavailableException unavailable() {
        return new StoreUnavailableException("down on purpose", null);
    }
}
