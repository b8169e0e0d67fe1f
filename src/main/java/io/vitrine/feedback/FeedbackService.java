package io.vitrine.feedback;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventAttribution;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.FeatureUpdates;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.EventLog;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.EventInput;
import io.vitrine.wire.EventValidator;

/**
 * Accepts events: validates the batch whole, appends the new ones to the event log (atomically deduplicated), and
 * applies their feature updates. The order makes the guarantees: everything that can fail before the append (catalog
 * read, log append) fails the call with nothing stored, so the client retries; once the log has the events, the call
 * succeeds even if the online feature update then fails, because the event is stored and a retry would be a duplicate.
 * Such a miss is reported in {@link Result#featuresUpdated()} (the log remains the source of truth).
 */
public final class FeedbackService {
    private static final System.Logger LOG = System.getLogger(FeedbackService.class.getName());

    private final EventValidator validator;
    private final EventLog log;
    private final CatalogStore catalog;
    private final FeatureStore features;
    private final FeatureUpdater updater;
    private final Clock clock;
    private final EventAttribution attribution;

    /** A service that counts events in no experiment. */
    public FeedbackService(EventValidator validator, EventLog log, CatalogStore catalog, FeatureStore features,
            FeatureUpdater updater, Clock clock) {
        this(validator, log, catalog, features, updater, clock, EventAttribution.NONE);
    }

    /** @param attribution the experiment arms each stored event counts towards */
    public FeedbackService(EventValidator validator, EventLog log, CatalogStore catalog, FeatureStore features,
            FeatureUpdater updater, Clock clock, EventAttribution attribution) {
        this.attribution = attribution;
        this.validator = validator;
        this.log = log;
        this.catalog = catalog;
        this.features = features;
        this.updater = updater;
        this.clock = clock;
    }

    /**
     * The same service for historical events (the import job): they are stored and update features like live events,
     * but count in no experiment, which only live traffic may judge.
     */
    public FeedbackService forHistory() {
        return new FeedbackService(validator, log, catalog, features, updater, clock, EventAttribution.NONE);
    }

    /**
     * Validates and ingests a batch.
     *
     * @param batchForm whether the client sent {@code {events: [...]}} (for violation paths)
     * @param parseViolations wrong-type errors found while parsing (see {@link EventValidator#validateBatch})
     * @throws io.vitrine.validation.ValidationException if any event is invalid (nothing stored)
     * @throws StoreUnavailableException if the events could not be stored (nothing stored; retry)
     */
    public Result ingest(List<EventInput> inputs, boolean batchForm, List<FieldViolation> parseViolations) {
        return ingestValid(validator.validateBatch(inputs, clock.instant(), batchForm, parseViolations));
    }

    /** Ingests already validated events (the import job validates a whole file first). */
    public Result ingestValid(List<Event> events) {
        Set<String> itemIds = new LinkedHashSet<>();
        for (Event e : events) {
            if (e.itemId() != null) {
                itemIds.add(e.itemId());
            }
        }
        Map<String, Item> items = itemIds.isEmpty() ? Map.of() : catalog.items(itemIds);
        EventLog.AppendResult appended = log.append(events, attribution);
        boolean featuresUpdated = true;
        if (!appended.stored().isEmpty()) {
            List<FeatureUpdate> updates = new ArrayList<>();
            for (Event e : appended.stored()) {
                updates.addAll(updater.updatesFor(e, e.itemId() == null ? null : items.get(e.itemId())));
            }
            try {
                features.apply(FeatureUpdates.coalesce(updates));
            } catch (StoreUnavailableException e) {
                featuresUpdated = false;
                LOG.log(Level.WARNING, "{0} events were stored but their online feature update failed: {1}",
                        appended.stored().size(), e.getMessage());
            }
        }
        return new Result(appended.stored().size(), appended.duplicates(), featuresUpdated);
    }

    /**
     * Ingests already validated events from {@code source} (a generator or a replay) in batches of {@code batchSize},
     * so memory holds one batch.
     *
     * @return the events stored now (duplicates of earlier ones are not counted)
     */
    public long ingestValid(Consumer<Consumer<Event>> source, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        List<Event> batch = new ArrayList<>(batchSize);
        long[] accepted = {0};
        source.accept(event -> {
            batch.add(event);
            if (batch.size() == batchSize) {
                accepted[0] += ingestValid(List.copyOf(batch)).accepted();
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            accepted[0] += ingestValid(batch).accepted();
        }
        return accepted[0];
    }

    /**
     * The outcome of an ingest.
     *
     * @param accepted events stored now
     * @param duplicates events already stored earlier (retries) or repeated within the batch
     * @param featuresUpdated false when the online feature update of stored events failed
     */
    public record Result(int accepted, int duplicates, boolean featuresUpdated) {
    }
}
