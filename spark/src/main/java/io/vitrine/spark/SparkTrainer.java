package io.vitrine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.FeatureUpdates;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.recall.CooccurrenceBuilder;
import io.vitrine.recall.Interaction;
import io.vitrine.recall.RecallTables;
import io.vitrine.train.CandidateRecall;
import io.vitrine.train.EventFileScan;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.Reservoir;
import io.vitrine.train.TrainingExample;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.EventValidator;

/**
 * {@code train} on Spark: the {@link ExampleOptions.Mode#CANDIDATES} run of {@link TrainingPipeline} with the work
 * spread over executors, ending in the same {@link TrainingPipeline#measured} step and so the same report and bundle.
 *
 * <p>
 * The state of a replay splits by key: a user's hash and recent lists change only with that user's events, an item's
 * hash and trending scores only with that item's events ({@link FeatureUpdates#userScoped}). So instead of one replay
 * in time order, the events are shuffled twice, and every group replays through the same {@link FeatureUpdater} in time
 * order:
 * <ol>
 * <li><b>scan</b> (map only): every record parsed and validated as {@code train} does; the time range gives the
 * cut;</li>
 * <li><b>items</b> (shuffle by item): each item's history events build its hash fields and trending scores; the driver
 * collects them (one row per item field: catalog-sized);</li>
 * <li><b>users</b> (shuffle by user, kept for the next two steps): each partition's users feed the main project's
 * {@link CooccurrenceBuilder}, whose raw counts are summed by a second shuffle (by item pair); ALS (MLlib), EASE's Gram
 * matrix and popularity are Spark jobs over the weighted interactions ({@link SparkRecall});</li>
 * <li><b>examples</b> (same partitions): the driver broadcasts the history's recall tables and item state; each
 * partition restores them into an {@link InMemoryFeatureStore}, replays each user's history into it, and asks the
 * served pipeline for the user's candidates as of the cut ({@link CandidateRecall}, the single-JVM code);</li>
 * <li><b>ranker</b>: xgboost4j-spark on the training examples ({@link SparkRanker}); the validation examples (a fifth
 * of the users) come to the driver, which measures and publishes.</li>
 * </ol>
 * What stays on the driver: the catalog, the item state, the recall tables (their neighbour lists, the ALS item
 * factors, the EASE inversion of at most {@code maxItems}² entries), the validation examples, and the booster.
 */
public final class SparkTrainer {
    static final StructType EVENTS = eventSchema();
    static final StructType ITEM_STATE = new StructType().add("kind", DataTypes.StringType)
            .add("key", DataTypes.StringType)
            .add("field", DataTypes.StringType)
            .add("value", DataTypes.StringType);
    static final StructType EXAMPLES = new StructType().add("userId", DataTypes.StringType)
            .add("itemId", DataTypes.StringType)
            .add("rank", DataTypes.IntegerType)
            .add("engaged", DataTypes.BooleanType)
            .add("validating", DataTypes.BooleanType)
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false))
            .add("relevant", DataTypes.createArrayType(DataTypes.StringType, false))
            .add("hits", DataTypes.IntegerType);
    private static final int MAX_PROBLEMS = 20;

    private final SparkSession spark;
    private final PrintStream log;

    public SparkTrainer(SparkSession spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
    }

    /** What a run made, with what it measured of itself. */
    public record Run(TrainingPipeline.Result result, RecallTables historyTables, Map<String, Double> seconds) {
    }

    /**
     * Trains.
     *
     * @param events events (any order), read by {@link EventTable}
     * @param items the catalog
     * @param partitions partitions of the two shuffles by user and by item
     * @param workers XGBoost workers (Spark tasks training at once)
     */
    public Run run(Dataset<Row> events, Dataset<Row> items, JobSpec requested, double validationFraction,
            int partitions, int workers) {
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();
        long t0 = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // Aggregations and joins shuffle into as many partitions as the replays (not Spark's default of 200).
        spark.conf().set("spark.sql.shuffle.partitions", partitions);
        List<Map<String, String>> itemRows = EventTable.itemRows(items);
        List<Item> catalog = EventTable.catalog(itemRows);
        Broadcast<List<Map<String, String>>> catalogRows = jsc.broadcast(itemRows);
        Map<String, String> categories = new HashMap<>();
        catalog.forEach(i -> {
            if (i.category() != null) {
                categories.put(i.itemId(), i.category());
            }
        });

        // 1. Scan: parse and validate every record (the rules of train), find the time range.
        Dataset<Row> parsed = EventTable.normalized(events)
                .mapPartitions(scan(requested), Encoders.row(EVENTS))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row stats = parsed.agg(count(lit(1)), sum(when(col("atMillis").isNull(), 1).otherwise(0)),
                min("atMillis"), max("atMillis"), sum(when(col("type").equalTo("impression"), 1).otherwise(0)))
                .first();
        long invalid = stats.isNullAt(1) ? 0 : stats.getLong(1);
        if (invalid > 0) {
            List<Row> problems = parsed.filter(col("atMillis").isNull()).limit(MAX_PROBLEMS).collectAsList();
            problems.forEach(r -> log.println("event " + r.getString(0) + ": " + r.getString(r.size() - 1)));
            throw new IllegalArgumentException(invalid + " invalid events; nothing was done");
        }
        long eventCount = stats.getLong(0);
        if (eventCount == 0) {
            throw new IllegalArgumentException("the events have no events");
        }
        EventFileScan scan = new EventFileScan(eventCount, stats.getLong(4), Instant.ofEpochMilli(stats.getLong(2)),
                Instant.ofEpochMilli(stats.getLong(3)));
        JobSpec spec = requested.withSplit(scan.splitAt(validationFraction));
        TrainingOptions options = spec.training();
        FeatureSettings settings = spec.features();
        log.printf("events: %d from %s to %s; examples: %s; validation from %s%n", scan.events(), scan.first(),
                scan.last(), options.examples().mode(), options.examples().validationFrom());
        seconds.put("scan", lap(t0));

        // 2. Items: each item's history through the feature code (item-scoped updates).
        long t1 = System.nanoTime();
        List<Row> itemState = parsed.filter(col("itemId").isNotNull())
                .repartition(partitions, col("itemId"))
                .sortWithinPartitions("itemId", "atMillis", "seq")
                .mapPartitions(itemReplay(spec, catalogRows), Encoders.row(ITEM_STATE))
                .collectAsList();
        List<String[]> stateRows = new ArrayList<>(itemState.size());
        itemState.forEach(r -> stateRows.add(new String[]{r.getString(0), r.getString(1), r.getString(2),
                r.getString(3)}));
        seconds.put("items", lap(t1));

        // 3. Users: the shuffle by user, kept; the co-occurrence counts of both tables; the other tables.
        long t2 = System.nanoTime();
        Dataset<Row> byUser = parsed.repartition(partitions, col("userId"))
                .sortWithinPartitions("userId", "atMillis", "seq")
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> counts = byUser
                .mapPartitions(cooccurrenceCounts(spec), Encoders.row(SparkRecall.COUNTS.add("all",
                        DataTypes.BooleanType)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> interactions = parsed.filter(col("weight").gt(0).and(col("itemId").isNotNull()))
                .select(col("userId"), col("itemId"), col("weight"), col("atMillis"),
                        col("atMillis").lt(spec.splitMillis).as("history"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        RecallTables historyTables = SparkRecall.build(partitions, interactions.filter(col("history")),
                counts.filter(col("all").equalTo(false)), categories, settings.popularityHalfLife(), options.als(),
                options.ease());
        RecallTables servedTables = SparkRecall.build(partitions, interactions, counts.filter(col("all")), categories,
                settings.popularityHalfLife(), options.als(), options.ease());
        counts.unpersist();
        seconds.put("recallTables", lap(t2));

        // 4. Examples: per user, the served pipeline's candidates as of the cut.
        long t3 = System.nanoTime();
        Broadcast<byte[]> tablesBytes = jsc.broadcast(historyTables.toBytes());
        Broadcast<List<String[]>> itemStateRows = jsc.broadcast(stateRows);
        Dataset<Row> examples = byUser
                .mapPartitions(candidateExamples(spec, catalogRows, tablesBytes, itemStateRows),
                        Encoders.row(EXAMPLES))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row summary = examples.filter(col("itemId").isNull())
                .agg(sum(org.apache.spark.sql.functions.size(col("relevant"))), sum("hits"))
                .first();
        long labels = summary.isNullAt(0) ? 0 : summary.getLong(0);
        long recalledLabels = summary.isNullAt(1) ? 0 : summary.getLong(1);
        Dataset<Row> train = examples.filter(col("itemId").isNotNull().and(col("validating").equalTo(false)));
        long builtExamples = train.count();
        if (labels == 0 || builtExamples == 0) {
            throw new IllegalArgumentException("no history before the cut or no engagement after it: use more data"
                    + " or another cut than " + options.examples().validationFrom());
        }
        if (builtExamples > options.maxExamples()) {
            train = train.sample(false, Math.min(1.0, options.maxExamples() * 1.0 / builtExamples), spec.seed);
        }
        Map<String, Long> popularity = new HashMap<>();
        parsed.filter(col("engagement").and(col("atMillis").lt(spec.splitMillis)))
                .groupBy("itemId")
                .count()
                .collectAsList()
                .forEach(r -> popularity.put(r.getString(0), r.getLong(1)));
        List<CandidateRecall.UserList> lists = new ArrayList<>();
        List<TrainingExample> validation = validation(examples, spec, lists);
        seconds.put("examples", lap(t3));

        // 5. The ranker, distributed; measured and assembled on the driver.
        long t4 = System.nanoTime();
        long trainPositives = train.filter(col("engaged")).count();
        long trainExamples = train.count();
        Model<Label> model = SparkRanker.train(train.select("engaged", "features"), options.ranker(), workers);
        double trainSeconds = lap(t4);
        seconds.put("ranker", trainSeconds);
        InMemoryFeatureStore state = new InMemoryFeatureStore(settings);
        state.upsertItems(catalog);
        state.importItemState(stateRows);
        TrainingPipeline.Replay replay = new TrainingPipeline.Replay(state, eventCount, Optional.of(scan.first()),
                Optional.of(scan.last()));
        TrainingPipeline.Result result = TrainingPipeline.measured(model, trainSeconds, builtExamples, trainExamples,
                trainPositives, validation, lists, popularity, catalog.size(), labels, recalledLabels,
                seconds.get("recallTables"), servedTables, replay, settings, options);
        examples.unpersist();
        byUser.unpersist();
        interactions.unpersist();
        parsed.unpersist();
        seconds.put("total", lap(t0));
        return new Run(result, historyTables, seconds);
    }

    /**
     * The validation users' examples and candidate lists, streamed to the driver one partition at a time (sorted by
     * user, the summary row first, then the candidates in recall order); a list shares its vectors with the examples.
     * As in {@code train}, the examples that measure AUC, log-loss and calibration are a uniform sample of at most
     * {@link io.vitrine.train.TrainingOptions#maxValidationExamples()} (scoring them all at once is what would not
     * fit), while the ranking metrics use every validation user's list.
     */
    private static List<TrainingExample> validation(Dataset<Row> examples, JobSpec spec,
            List<CandidateRecall.UserList> lists) {
        long at = spec.examples().validationFrom().toEpochMilli();
        TrainingOptions options = spec.training();
        Iterator<Row> rows = examples.filter(col("validating")).orderBy("userId", "rank").toLocalIterator();
        Reservoir<TrainingExample> out = new Reservoir<>(options.maxValidationExamples(),
                options.examples().seed() + 1);
        String user = null;
        List<String> ids = new ArrayList<>();
        List<double[]> vectors = new ArrayList<>();
        Set<String> relevant = Set.of();
        while (rows.hasNext()) {
            Row r = rows.next();
            if (!r.getString(0).equals(user)) {
                if (user != null) {
                    lists.add(new CandidateRecall.UserList(user, ids, vectors, relevant));
                }
                user = r.getString(0);
                ids = new ArrayList<>();
                vectors = new ArrayList<>();
                relevant = Set.of();
            }
            if (r.isNullAt(1)) {
                relevant = new HashSet<>(r.<String>getList(6));
            } else {
                double[] v = vector(r.getList(5));
                ids.add(r.getString(1));
                vectors.add(v);
                out.add(new TrainingExample(user, r.getString(1), at, v, r.getBoolean(3)));
            }
        }
        if (user != null) {
            lists.add(new CandidateRecall.UserList(user, ids, vectors, relevant));
        }
        return out.sample();
    }

    private static double[] vector(List<Double> list) {
        double[] v = new double[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = list.get(i);
        }
        return v;
    }

    private static double lap(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static StructType eventSchema() {
        StructType s = new StructType();
        for (String c : EventTable.COLUMNS) {
            s = s.add(c, DataTypes.StringType);
        }
        return s.add("seq", DataTypes.LongType)
                .add("atMillis", DataTypes.LongType)
                .add("weight", DataTypes.DoubleType)
                .add("engagement", DataTypes.BooleanType)
                .add("problem", DataTypes.StringType);
    }

    /** Parses and validates; an invalid record keeps a null time and says why. */
    private static MapPartitionsFunction<Row, Row> scan(JobSpec spec) {
        return rows -> {
            EventValidator validator = spec.validator();
            Instant now = spec.validatedAt();
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                List<FieldViolation> problems = new ArrayList<>();
                Event e = EventTable.event(r, validator, now, problems);
                Object[] cells = new Object[EVENTS.size()];
                for (int i = 0; i <= EventTable.SEQ; i++) {
                    cells[i] = r.get(i);
                }
                if (e == null) {
                    cells[EventTable.SEQ + 4] = problems.toString();
                } else {
                    // The canonical type name, so the interactions filter reads what the validator accepted.
                    cells[2] = e.type().wireName();
                    cells[EventTable.SEQ + 1] = e.timestamp().toEpochMilli();
                    cells[EventTable.SEQ + 2] = e.itemId() == null ? 0.0 : FeatureUpdater.INTEREST_WEIGHT.get(e.type());
                    cells[EventTable.SEQ + 3] = CandidateRecall.engagement(e);
                }
                out.add(RowFactory.create(cells));
            }
            return out.iterator();
        };
    }

    private static Map<String, Item> catalogOf(Broadcast<List<Map<String, String>>> rows) {
        Map<String, Item> out = new HashMap<>();
        for (Item item : EventTable.catalog(rows.value())) {
            out.put(item.itemId(), item);
        }
        return out;
    }

    /** Step 2: each item's history events, in time order, through the feature code; the item side of the state. */
    private static MapPartitionsFunction<Row, Row> itemReplay(JobSpec spec,
            Broadcast<List<Map<String, String>>> catalogRows) {
        return rows -> {
            FeatureSettings settings = spec.features();
            FeatureUpdater updater = new FeatureUpdater(settings);
            InMemoryFeatureStore store = new InMemoryFeatureStore(settings);
            Map<String, Item> catalog = catalogOf(catalogRows);
            EventValidator validator = spec.validator();
            Instant now = spec.validatedAt();
            ExampleOptions examples = spec.examples();
            while (rows.hasNext()) {
                Event e = EventTable.event(rows.next(), validator, now, new ArrayList<>());
                if (CandidateRecall.heldOut(e, examples)) {
                    continue;
                }
                List<FeatureUpdate> updates = new ArrayList<>(updater.updatesFor(e, catalog.get(e.itemId())));
                updates.removeIf(FeatureUpdates::userScoped);
                store.apply(updates);
            }
            List<Row> out = new ArrayList<>();
            store.exportItemState(r -> out.add(RowFactory.create((Object[]) r)));
            return out.iterator();
        };
    }

    /** Step 3: the co-occurrence counts of the history table ({@code all} false) and of every event ({@code all}). */
    private static MapPartitionsFunction<Row, Row> cooccurrenceCounts(JobSpec spec) {
        return rows -> {
            CooccurrenceBuilder history = new CooccurrenceBuilder(SparkRecall.cooccurrenceSettings());
            CooccurrenceBuilder all = new CooccurrenceBuilder(SparkRecall.cooccurrenceSettings());
            while (rows.hasNext()) {
                Row r = rows.next();
                double weight = r.getDouble(EventTable.SEQ + 2);
                if (weight <= 0 || r.isNullAt(EventTable.ITEM)) {
                    continue;
                }
                long at = r.getLong(EventTable.SEQ + 1);
                Interaction interaction = new Interaction(r.getString(EventTable.USER), r.getString(EventTable.ITEM),
                        weight, at);
                all.accept(interaction);
                if (at < spec.splitMillis) {
                    history.accept(interaction);
                }
            }
            List<Row> out = new ArrayList<>();
            for (Row c : SparkRecall.counts(history)) {
                out.add(RowFactory.create(c.get(0), c.get(1), c.get(2), c.get(3), false));
            }
            for (Row c : SparkRecall.counts(all)) {
                out.add(RowFactory.create(c.get(0), c.get(1), c.get(2), c.get(3), true));
            }
            return out.iterator();
        };
    }

    /**
     * Step 4: per user (rows grouped by user, in time order), the history replayed through the feature code into a
     * store holding the broadcast item state, then the user's candidates: a summary row (no item: the labels and hits)
     * and one row per example, as {@code CandidateExamples.build} emits them.
     */
    private static MapPartitionsFunction<Row, Row> candidateExamples(JobSpec spec,
            Broadcast<List<Map<String, String>>> catalogRows, Broadcast<byte[]> tablesBytes,
            Broadcast<List<String[]>> itemState) {
        return rows -> {
            FeatureSettings settings = spec.features();
            ExampleOptions options = spec.examples();
            FeatureUpdater updater = new FeatureUpdater(settings);
            Map<String, Item> catalog = catalogOf(catalogRows);
            InMemoryFeatureStore store = new InMemoryFeatureStore(settings);
            store.upsertItems(List.copyOf(catalog.values()));
            store.importItemState(itemState.value());
            CandidateRecall recall = new CandidateRecall(settings, spec.pipeline(),
                    RecallTables.fromBytes(tablesBytes.value()),
                    store, options.validationFrom());
            EventValidator validator = spec.validator();
            Instant now = spec.validatedAt();
            return new UserGroups(rows).flatMap(events -> {
                String userId = events.get(0).userId();
                Set<String> labels = new LinkedHashSet<>();
                Set<String> history = new HashSet<>();
                for (Event e : events) {
                    if (CandidateRecall.heldOut(e, options)) {
                        if (CandidateRecall.engagement(e)) {
                            labels.add(e.itemId());
                        }
                        continue;
                    }
                    List<FeatureUpdate> updates = new ArrayList<>(updater.updatesFor(e,
                            e.itemId() == null ? null : catalog.get(e.itemId())));
                    updates.removeIf(u -> !FeatureUpdates.userScoped(u));
                    store.apply(updates);
                    if (options.excludeHistory() && e.itemId() != null) {
                        history.add(e.itemId());
                    }
                }
                List<Row> out = new ArrayList<>();
                if (!labels.isEmpty()) {
                    CandidateRecall.Recalled found = recall.recall(userId, labels, history);
                    boolean validating = CandidateRecall.validationUser(userId, options);
                    out.add(RowFactory.create(userId, null, -1, false, validating, new double[0],
                            labels.toArray(String[]::new), found.hits()));
                    if (found.hits() > 0 || validating) {
                        for (int i = 0; i < found.itemIds().size(); i++) {
                            String itemId = found.itemIds().get(i);
                            boolean engaged = labels.contains(itemId);
                            if (!engaged && !validating && options.negativeKeepRate() < 1
                                    && unit(userId, itemId, options.seed()) >= options.negativeKeepRate()) {
                                continue;
                            }
                            out.add(RowFactory.create(userId, itemId, i, engaged, validating,
                                    found.vectors().get(i), new String[0], 0));
                        }
                    }
                }
                store.eraseUser(userId);
                return out;
            }, validator, now);
        };
    }

    /** A stable uniform number in [0, 1) of a pair (negative thinning that does not depend on the partitioning). */
    static double unit(String userId, String itemId, long seed) {
        byte[] b = (userId + '\u0000' + itemId).getBytes(StandardCharsets.UTF_8);
        return Integer.toUnsignedLong(MurmurHash3.hash32x86(b, 0, b.length, (int) seed + 3)) / 4294967296.0;
    }

    /** The rows of a partition sorted by user then time, one user's events at a time. */
    private static final class UserGroups {
        private final Iterator<Row> rows;

        UserGroups(Iterator<Row> rows) {
            this.rows = rows;
        }

        Iterator<Row> flatMap(java.util.function.Function<List<Event>, List<Row>> perUser, EventValidator validator,
                Instant now) {
            return new Iterator<>() {
                private Row pending = rows.hasNext() ? rows.next() : null;
                private Iterator<Row> current = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && pending != null) {
                        String user = pending.getString(EventTable.USER);
                        List<Event> events = new ArrayList<>();
                        while (pending != null && user.equals(pending.getString(EventTable.USER))) {
                            events.add(EventTable.event(pending, validator, now, new ArrayList<>()));
                            pending = rows.hasNext() ? rows.next() : null;
                        }
                        current = perUser.apply(events).iterator();
                    }
                    return current.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return current.next();
                }
            };
        }
    }
}
