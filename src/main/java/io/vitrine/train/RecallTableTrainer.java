package io.vitrine.train;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.CategoryPopularity;
import io.vitrine.recall.CooccurrenceBuilder;
import io.vitrine.recall.CooccurrenceSettings;
import io.vitrine.recall.Ease;
import io.vitrine.recall.EaseSettings;
import io.vitrine.recall.ImplicitAls;
import io.vitrine.recall.Interaction;
import io.vitrine.recall.InteractionMatrix;
import io.vitrine.recall.ItemEmbeddings;
import io.vitrine.recall.NeighbourLists;
import io.vitrine.recall.RecallTables;

/**
 * Builds the recall tables from the same replay as the ranker, weighting each event by the interest weight of the
 * feature definitions ({@link FeatureUpdater#INTEREST_WEIGHT}: view 1, click 2, cart 4, purchase 8; impressions and
 * searches carry none). EASE uses only whether a user touched an item, not the weights.
 */
public final class RecallTableTrainer {
    /** Neighbours kept per item in each neighbour table. */
    public static final int NEIGHBOURS = 50;

    private final CooccurrenceBuilder cooccurrence;
    private final InteractionMatrix.Builder matrix = InteractionMatrix.builder();
    private final CategoryPopularity popularity;
    private final AlsSettings als;
    private final EaseSettings ease;

    /** With the {@link EaseSettings#defaults() default} EASE settings. */
    public RecallTableTrainer(Collection<Item> catalog, Duration popularityHalfLife, AlsSettings als) {
        this(catalog, popularityHalfLife, als, EaseSettings.defaults());
    }

    /** @param ease settings of the EASE table ({@code maxItems} 0: no EASE table) */
    public RecallTableTrainer(Collection<Item> catalog, Duration popularityHalfLife, AlsSettings als,
            EaseSettings ease) {
        Map<String, String> categories = new HashMap<>();
        for (Item item : catalog) {
            if (item.category() != null) {
                categories.put(item.itemId(), item.category());
            }
        }
        this.cooccurrence = new CooccurrenceBuilder(CooccurrenceSettings.defaults().withTopK(NEIGHBOURS));
        this.popularity = new CategoryPopularity(popularityHalfLife, 200, categories::get);
        this.als = als;
        this.ease = ease;
    }

    /** Adds an event (time-ordered); events without interest are ignored. */
    public void accept(Event event) {
        double weight = FeatureUpdater.INTEREST_WEIGHT.get(event.type());
        if (weight <= 0 || event.itemId() == null) {
            return;
        }
        Interaction interaction = new Interaction(event.userId(), event.itemId(), weight,
                event.timestamp().toEpochMilli());
        cooccurrence.accept(interaction);
        matrix.accept(interaction);
        popularity.accept(interaction);
    }

    /**
     * Computes the tables: co-occurrence neighbours, ALS embeddings with their neighbours, EASE neighbours (of the
     * {@link EaseSettings#maxItems()} most engaged items; none when that is 0), popularity lists.
     */
    public RecallTables build() {
        InteractionMatrix m = matrix.build();
        var embeddings = m.nonZeroCount() == 0
                ? ItemEmbeddings.empty()
                : new ImplicitAls(als).fit(m).itemEmbeddings();
        Map<String, NeighbourLists> tables = new HashMap<>();
        tables.put(RecallTables.COOCCURRENCE, cooccurrence.build());
        tables.put(RecallTables.EMBEDDING, embeddings.nearestNeighbours(NEIGHBOURS));
        if (ease.maxItems() > 0) {
            tables.put(RecallTables.EASE, new Ease(ease).build(m));
        }
        return new RecallTables(tables, embeddings, popularity.build());
    }
}
