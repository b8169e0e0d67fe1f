package io.vitrine.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import io.vitrine.feature.ScoredItem;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.CooccurrenceBuilder;
import io.vitrine.recall.CooccurrenceSettings;
import io.vitrine.recall.Ease;
import io.vitrine.recall.EaseSettings;
import io.vitrine.recall.ItemEmbeddings;
import io.vitrine.recall.NeighbourLists;
import io.vitrine.recall.PopularityLists;
import io.vitrine.recall.RecallTables;
import io.vitrine.train.RecallTableTrainer;

/**
 * The recall tables of {@link RecallTableTrainer}, built with Spark from a set of interactions (user, item, interest
 * weight, time):
 * <ul>
 * <li>co-occurrence: each partition of users runs the main project's {@link CooccurrenceBuilder} (the window and
 * history cap are per user), the raw pair and norm counts are summed by key, joined pair to both norms and scored with
 * {@link CooccurrenceBuilder#similarity}; a window keeps each item's best {@value RecallTableTrainer#NEIGHBOURS};</li>
 * <li>embeddings: Spark MLlib's implicit ALS (Hu, Koren and Volinsky, as {@code ImplicitAls}) on the summed weights;
 * the item factors come to the driver, which computes their nearest neighbours ({@link ItemEmbeddings});</li>
 * <li>EASE: the {@code maxItems} items with the most users, their Gram matrix counted with a self-join on users, the
 * inversion (cubic in items) on the driver ({@link Ease#fromGram});</li>
 * <li>popularity: the decayed weight per item summed by Spark, the top lists per category on the driver.</li>
 * </ul>
 */
final class SparkRecall {
    static final StructType COUNTS = new StructType().add("a", DataTypes.StringType)
            .add("b", DataTypes.StringType)
            .add("c", DataTypes.DoubleType)
            .add("s", DataTypes.LongType);

    private SparkRecall() {
    }

    static CooccurrenceSettings cooccurrenceSettings() {
        return CooccurrenceSettings.defaults().withTopK(RecallTableTrainer.NEIGHBOURS);
    }

    /** Raw counts of one builder as rows of {@link #COUNTS}: pairs (a, b, c, s) and norms (a, null, n, 0). */
    static List<Row> counts(CooccurrenceBuilder builder) {
        List<Row> out = new ArrayList<>();
        builder.exportCounts((a, b, c, s) -> out.add(RowFactory.create(a, b, c, s)),
                (item, n) -> out.add(RowFactory.create(item, null, n, 0L)));
        return out;
    }

    /**
     * @param interactions (userId, itemId, weight, atMillis) of the table
     * @param counts the co-occurrence counts of all partitions ({@link #COUNTS})
     * @param categories item to category (the catalog)
     */
    static RecallTables build(int partitions, Dataset<Row> interactions, Dataset<Row> counts,
            Map<String, String> categories, Duration popularityHalfLife, AlsSettings als, EaseSettings ease) {
        Map<String, NeighbourLists> tables = new HashMap<>();
        long t = System.nanoTime();
        tables.put(RecallTables.COOCCURRENCE, cooccurrence(counts));
        long co = System.nanoTime();
        ItemEmbeddings embeddings = embeddings(interactions, als, partitions);
        tables.put(RecallTables.EMBEDDING, embeddings.nearestNeighbours(RecallTableTrainer.NEIGHBOURS));
        long emb = System.nanoTime();
        if (ease.maxItems() > 0) {
            tables.put(RecallTables.EASE, ease(interactions, ease));
        }
        long es = System.nanoTime();
        PopularityLists popular = popularity(interactions, categories, popularityHalfLife);
        System.out.printf("recall tables: co-occurrence %.1f s, ALS %.1f s, EASE %.1f s, popularity %.1f s%n",
                (co - t) / 1e9, (emb - co) / 1e9, (es - emb) / 1e9, (System.nanoTime() - es) / 1e9);
        return new RecallTables(tables, embeddings, popular);
    }

    static NeighbourLists cooccurrence(Dataset<Row> counts) {
        CooccurrenceSettings settings = cooccurrenceSettings();
        Dataset<Row> pairs = counts.filter(col("b").isNotNull())
                .groupBy("a", "b")
                .agg(sum("c").as("c"), sum("s").as("s"))
                .filter(col("s").geq(settings.minSupport()));
        Dataset<Row> norms = counts.filter(col("b").isNull()).groupBy("a").agg(sum("c").as("n"));
        Dataset<Row> joined = pairs.join(norms.withColumnRenamed("n", "na"), "a")
                .join(norms.withColumnRenamed("a", "b").withColumnRenamed("n", "nb"), "b");
        StructType scored = new StructType().add("item", DataTypes.StringType)
                .add("neighbour", DataTypes.StringType)
                .add("score", DataTypes.FloatType);
        FlatMapFunction<Row, Row> both = r -> {
            String a = r.getAs("a");
            String b = r.getAs("b");
            float sim = CooccurrenceBuilder.similarity(cooccurrenceSettings(), r.<Double>getAs("c"), r.<Long>getAs("s"),
                    r.<Double>getAs("na"), r.<Double>getAs("nb"));
            return List.of(RowFactory.create(a, b, sim), RowFactory.create(b, a, sim)).iterator();
        };
        Dataset<Row> directed = joined.flatMap(both, Encoders.row(scored));
        return topLists(directed, settings.topK());
    }

    /** Each item's best {@code k} neighbours (score descending, ties by id ascending), items in id order. */
    private static NeighbourLists topLists(Dataset<Row> directed, int k) {
        var byItem = Window.partitionBy("item").orderBy(col("score").desc(), col("neighbour").asc());
        List<Row> rows = directed.withColumn("rank", row_number().over(byItem))
                .filter(col("rank").leq(k))
                .orderBy("item", "rank")
                .collectAsList();
        Map<String, List<ScoredItem>> lists = new LinkedHashMap<>();
        for (Row r : rows) {
            lists.computeIfAbsent(r.getString(0), x -> new ArrayList<>())
                    .add(new ScoredItem(r.getString(1), r.getFloat(2)));
        }
        return NeighbourLists.of(lists);
    }

    static ItemEmbeddings embeddings(Dataset<Row> interactions, AlsSettings settings, int blocks) {
        Dataset<Row> weights = interactions.groupBy("userId", "itemId").agg(sum("weight").as("r"));
        if (weights.isEmpty()) {
            return ItemEmbeddings.empty();
        }
        StringIndexerModel users = new StringIndexer().setInputCol("userId").setOutputCol("u").fit(weights);
        StringIndexerModel items = new StringIndexer().setInputCol("itemId").setOutputCol("i").fit(weights);
        Dataset<Row> indexed = items.transform(users.transform(weights))
                .select(col("u").cast(DataTypes.IntegerType).as("u"), col("i").cast(DataTypes.IntegerType).as("i"),
                        col("r").cast(DataTypes.FloatType).as("r"));
        ALSModel model = new ALS().setImplicitPrefs(true)
                .setRank(settings.factors())
                .setMaxIter(settings.iterations())
                .setRegParam(settings.regularization())
                .setAlpha(settings.alpha())
                .setSeed(settings.seed())
                .setUserCol("u")
                .setItemCol("i")
                .setRatingCol("r")
                .setNumBlocks(blocks)
                .fit(indexed);
        String[] labels = items.labelsArray()[0];
        TreeMap<String, float[]> vectors = new TreeMap<>();
        for (Row r : model.itemFactors().collectAsList()) {
            List<Float> f = r.getList(1);
            float[] v = new float[f.size()];
            for (int d = 0; d < v.length; d++) {
                v[d] = f.get(d);
            }
            vectors.put(labels[r.getInt(0)], v);
        }
        int k = settings.factors();
        float[] flat = new float[vectors.size() * k];
        int p = 0;
        for (float[] v : vectors.values()) {
            System.arraycopy(v, 0, flat, p, k);
            p += k;
        }
        return ItemEmbeddings.of(List.copyOf(vectors.keySet()), k, flat);
    }

    static NeighbourLists ease(Dataset<Row> interactions, EaseSettings settings) {
        Dataset<Row> touched = interactions.select("userId", "itemId").distinct().cache();
        List<Row> top = touched.groupBy("itemId")
                .agg(count(lit(1)).as("users"))
                .orderBy(col("users").desc(), col("itemId").asc())
                .limit(settings.maxItems())
                .collectAsList();
        List<String> chosen = new ArrayList<>();
        top.forEach(r -> chosen.add(r.getString(0)));
        chosen.sort(Comparator.naturalOrder());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < chosen.size(); i++) {
            index.put(chosen.get(i), i);
        }
        // The Gram matrix: each partition of users adds its users' outer products into one n × n array, the arrays
        // are summed (a tree of partial sums, not a join of every user's item pairs).
        Broadcast<Map<String, Integer>> columns = JavaSparkContext
                .fromSparkContext(interactions.sparkSession().sparkContext())
                .broadcast(index);
        int n = chosen.size();
        double[] gram = touched.repartition(col("userId"))
                .sortWithinPartitions("userId")
                .javaRDD()
                .mapPartitions(rows -> List.of(partialGram(rows, columns.value(), n)).iterator())
                .treeReduce(SparkRecall::add);
        touched.unpersist();
        return new Ease(settings).fromGram(chosen.toArray(String[]::new), gram);
    }

    private static double[] partialGram(Iterator<Row> rows, Map<String, Integer> columns, int n) {
        double[] g = new double[n * n];
        String user = null;
        List<Integer> touched = new ArrayList<>();
        while (true) {
            Row r = rows.hasNext() ? rows.next() : null;
            if (r == null || !r.getString(0).equals(user)) {
                for (int a : touched) {
                    for (int b : touched) {
                        g[a * n + b] += 1;
                    }
                }
                touched.clear();
                if (r == null) {
                    return g;
                }
                user = r.getString(0);
            }
            Integer c = columns.get(r.getString(1));
            if (c != null) {
                touched.add(c);
            }
        }
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** As {@code CategoryPopularity}: Σ w × 2^(-(T - t) / halfLife) per item, T the latest interaction. */
    static PopularityLists popularity(Dataset<Row> interactions, Map<String, String> categories, Duration halfLife) {
        Row latest = interactions.agg(max("atMillis")).first();
        if (latest.isNullAt(0)) {
            return new PopularityLists(0, halfLife, List.of(), Map.of());
        }
        long asOf = latest.getLong(0);
        double halfLifeMillis = halfLife.toNanos() / 1e6;
        List<Row> rows = interactions
                .groupBy("itemId")
                .agg(sum(col("weight").multiply(exp(col("atMillis").minus(asOf)
                        .divide(halfLifeMillis)
                        .multiply(Math.log(2))))).as("score"))
                .collectAsList();
        List<ScoredItem> all = new ArrayList<>();
        Map<String, List<ScoredItem>> byCategory = new HashMap<>();
        for (Row r : rows) {
            ScoredItem s = new ScoredItem(r.getString(0), r.getDouble(1));
            all.add(s);
            String category = categories.get(s.itemId());
            if (category != null) {
                byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(s);
            }
        }
        Map<String, List<ScoredItem>> tops = new HashMap<>();
        byCategory.forEach((c, list) -> tops.put(c, top(list)));
        return new PopularityLists(asOf, halfLife, top(all), tops);
    }

    private static List<ScoredItem> top(List<ScoredItem> list) {
        list.sort(Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::itemId));
        return list.size() > 200 ? List.copyOf(list.subList(0, 200)) : List.copyOf(list);
    }
}
