package io.vitrine.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.catalog.Item;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.feature.ScoredItem;
import io.vitrine.files.EventCsvWriter;
import io.vitrine.model.BundleManifest;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelCodec;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.ImplicitAls;
import io.vitrine.recall.Interaction;
import io.vitrine.recall.InteractionMatrix;
import io.vitrine.recall.NeighbourLists;
import io.vitrine.recall.RecallTables;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.train.EventFileScan;
import io.vitrine.train.RankingMetrics;
import io.vitrine.train.RecallTableTrainer;
import io.vitrine.train.TrainingExample;
import io.vitrine.train.TrainingPipeline;

/**
 * The Spark trainer in {@code local[2]} on generated demo data next to the single-JVM trainer on the same events: the
 * Spark bundle loads with the service's reader and scores the single-JVM run's validation examples within 0.01 AUC of
 * the single-JVM model, and the recall tables agree within the tolerances stated per table (README, "Training on
 * Spark").
 */
class SparkTrainerTest {
    /** The demo marketplace of the tests: about 76k events. */
    static final DemoSettings DEMO = new DemoSettings(1000, 200, 14, 7, Instant.parse("2026-11-20T00:00:00Z"));

    @TempDir
    static Path dir;
    static SparkSession spark;
    static SparkTrainer.Run onSpark;
    static TrainingPipeline.Result onJvm;
    static List<Item> items;
    static List<Event> events;

    @BeforeAll
    static void trainBoth() {
        DemoMarketplace market = new DemoMarketplace(DEMO);
        items = market.items();
        events = new ArrayList<>();
        market.events(events::add);
        EventCsvWriter.writeItems(dir.resolve("items.csv"), items);
        try (EventCsvWriter writer = new EventCsvWriter(dir.resolve("events.csv"))) {
            events.forEach(writer::write);
        }
        spark = LocalSpark.session();
        JobSpec spec = new JobSpec(Instant.EPOCH, 1, 100, 6, 0.1, 0.8, 3000, 250, 1.0, Instant.now());
        onSpark = new SparkTrainer(spark, System.out).run(
                EventTable.read(spark, dir.resolve("events.csv").toString(), null),
                EventTable.read(spark, dir.resolve("items.csv").toString(), "csv"), spec, 0.2, 4, 2);
        EventFileScan scan = new EventFileScan(events.size(), 0, events.get(0).timestamp(),
                events.get(events.size() - 1).timestamp());
        Instant split = scan.splitAt(0.2);
        onJvm = new TrainingPipeline(FeatureSettings.defaults(), PipelineSettings.defaults(),
                spec.withSplit(split).training()).run(items, sink -> events.forEach(sink), n -> {
                });
        SparkTrain.print(onSpark);
        System.out.printf("single JVM: AUC %.4f, %d examples, %d validation%n", onJvm.report().auc(),
                onJvm.report().builtTrainExamples(), onJvm.report().validationExamples());
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void sameCutSameExampleDefinition() {
        assertThat(onSpark.result().options().examples().validationFrom())
                .isEqualTo(onJvm.options().examples().validationFrom());
        assertThat(onSpark.result().replay().events()).isEqualTo(onJvm.replay().events());
        // The examples differ only where the two runs' ALS embeddings recall different candidates.
        assertThat((double) onSpark.result().report().builtTrainExamples())
                .isCloseTo(onJvm.report().builtTrainExamples(), within(0.05 * onJvm.report().builtTrainExamples()));
        assertThat(onSpark.result().report().labels()).isEqualTo(onJvm.report().labels());
    }

    @Test
    void theSparkBundleLoadsInTheServiceAndScoresWithinAucOfTheSingleJvmTrainer() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        BundleManifest published;
        try (FileObjectStore store = new FileObjectStore(models)) {
            published = onSpark.result().publish(store, Clock.systemUTC());
        }
        String schema = RankingFeatures.schemaHash(FeatureSettings.defaults());
        try (FileObjectStore store = new FileObjectStore(models)) {
            // What serving reads by default (trees.bin, the pure-Java evaluator) and the tribuo evaluator (model.tribuo).
            BundleReader served = new BundleReader(store, schema);
            ModelBundle bundle = served.load(served.latestVersion().orElseThrow());
            assertThat(bundle.manifest().version()).isEqualTo(published.version());
            assertThat(bundle.manifest().model().trainer()).isEqualTo("tribuo-xgboost-classification");
            BundleReader tribuo = ModelCodec.tribuoReader(store, schema);
            ModelBundle viaTribuo = tribuo.load(published.version());

            List<TrainingExample> validation = onJvm.validation();
            List<double[]> vectors = validation.stream().map(TrainingExample::features).toList();
            boolean[] engaged = new boolean[validation.size()];
            for (int i = 0; i < engaged.length; i++) {
                engaged[i] = validation.get(i).engaged();
            }
            double[] sparkScores = bundle.ranker().score(vectors);
            double[] tribuoScores = viaTribuo.ranker().score(vectors);
            for (int i = 0; i < sparkScores.length; i++) {
                assertThat(sparkScores[i]).isCloseTo(tribuoScores[i], within(1e-5));
            }
            double sparkAuc = RankingMetrics.auc(engaged, sparkScores);
            double jvmAuc = RankingMetrics.auc(engaged, new TribuoRanker(onJvm.model()).score(vectors));
            System.out.printf("AUC on the single-JVM validation examples: Spark bundle %.4f, single JVM %.4f%n",
                    sparkAuc, jvmAuc);
            assertThat(jvmAuc).isCloseTo(onJvm.report().auc(), within(1e-9));
            assertThat(sparkAuc).isCloseTo(jvmAuc, within(0.01));
        }
    }

    @Test
    void popularityListsAreTheSame() {
        RecallTables s = onSpark.result().tables();
        RecallTables j = onJvm.tables();
        assertThat(s.popularity().asOfMillis()).isEqualTo(j.popularity().asOfMillis());
        assertSameScores(s.popularity().global(), j.popularity().global(), 1e-9);
        for (Item item : items) {
            assertSameScores(s.popularity().category(item.category()), j.popularity().category(item.category()), 1e-9);
        }
    }

    @Test
    void cooccurrenceAndEaseTablesAgree() {
        RecallTables s = onSpark.result().tables();
        RecallTables j = onJvm.tables();
        Agreement co = agreement(s.neighbours(RecallTables.COOCCURRENCE), j.neighbours(RecallTables.COOCCURRENCE), 50);
        Agreement ease = agreement(s.neighbours(RecallTables.EASE), j.neighbours(RecallTables.EASE), 10);
        System.out.println("co-occurrence: " + co + "; EASE: " + ease);
        // Same counts, summed in another order (float sums per builder, doubles across partitions).
        assertThat(co.items).isEqualTo(1.0);
        assertThat(co.overlap).isGreaterThanOrEqualTo(0.99);
        assertThat(co.maxScoreDifference).isLessThan(1e-4);
        // Same Gram matrix, inverted in another item order.
        assertThat(ease.items).isEqualTo(1.0);
        assertThat(ease.overlap).isGreaterThanOrEqualTo(0.98);
        assertThat(ease.maxScoreDifference).isLessThan(1e-3);
    }

    @Test
    void embeddingNeighboursAgreeWithinTheirTolerance() {
        RecallTables s = onSpark.result().tables();
        RecallTables j = onJvm.tables();
        assertThat(s.embeddings().itemCount()).isEqualTo(j.embeddings().itemCount());
        assertThat(s.embeddings().dimension()).isEqualTo(j.embeddings().dimension());
        Agreement als = agreement(s.neighbours(RecallTables.EMBEDDING), j.neighbours(RecallTables.EMBEDDING), 10);
        // The yardstick: the single-JVM ALS against itself from another random start.
        InteractionMatrix.Builder m = InteractionMatrix.builder();
        for (Event e : events) {
            double w = FeatureUpdater.INTEREST_WEIGHT.get(e.type());
            if (w > 0 && e.itemId() != null) {
                m.accept(new Interaction(e.userId(), e.itemId(), w, e.timestamp().toEpochMilli()));
            }
        }
        AlsSettings settings = onJvm.options().als();
        NeighbourLists reseeded = new ImplicitAls(settings.withSeed(settings.seed() + 1)).fit(m.build())
                .itemEmbeddings()
                .nearestNeighbours(RecallTableTrainer.NEIGHBOURS);
        Agreement seeds = agreement(reseeded, j.neighbours(RecallTables.EMBEDDING), 10);
        System.out.println("ALS embedding neighbours: Spark vs single JVM " + als + "; single JVM, two seeds " + seeds);
        // MLlib's ALS scales λ by each user's and item's count and starts from other random factors: its neighbour
        // lists agree with the single JVM's about as well as the single JVM's from two seeds agree with each other.
        assertThat(als.items).isEqualTo(1.0);
        assertThat(als.overlap).isGreaterThanOrEqualTo(0.75 * seeds.overlap);
    }

    private static void assertSameScores(List<ScoredItem> actual, List<ScoredItem> expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).itemId()).isEqualTo(expected.get(i).itemId());
            assertThat(actual.get(i).score()).isCloseTo(expected.get(i).score(),
                    within(relative * Math.abs(expected.get(i).score())));
        }
    }

    /**
     * @param items share of the expected table's items that the actual table lists
     * @param overlap mean share of an item's top-k neighbours found in the other table's top-k
     * @param maxScoreDifference largest score difference of a neighbour in both lists
     */
    record Agreement(double items, double overlap, double maxScoreDifference) {
    }

    static Agreement agreement(NeighbourLists actual, NeighbourLists expected, int k) {
        Set<String> listed = new HashSet<>(actual.items());
        double overlap = 0;
        double maxDiff = 0;
        int found = 0;
        for (String item : expected.items()) {
            if (!listed.contains(item)) {
                continue;
            }
            found++;
            List<ScoredItem> a = actual.neighbours(item).stream().limit(k).toList();
            List<ScoredItem> e = expected.neighbours(item).stream().limit(k).toList();
            int common = 0;
            for (ScoredItem x : e) {
                for (ScoredItem y : a) {
                    if (x.itemId().equals(y.itemId())) {
                        common++;
                        maxDiff = Math.max(maxDiff, Math.abs(x.score() - y.score()));
                    }
                }
            }
            overlap += e.isEmpty() ? 1 : common / (double) e.size();
        }
        return new Agreement(found / (double) expected.items().size(), overlap / Math.max(1, found), maxDiff);
    }
}
