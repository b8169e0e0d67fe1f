package io.vitrine.spark;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;

import io.vitrine.model.BundleManifest;
import io.vitrine.port.ObjectStore;
import io.vitrine.storage.ObjectStores;
import io.vitrine.storage.S3Settings;
import io.vitrine.train.TrainingReport;

/**
 * The Spark application: {@code spark-submit --class io.vitrine.spark.SparkTrain vitrine-spark-<version>-app.jar
 * --events URI --items URI --model-uri URI [options]} (see the README, "Training on Spark"). The flags are those of
 * {@code train}, plus {@code --master}, {@code --format}, {@code --partitions}, {@code --workers} and the S3 endpoint
 * of the model URI.
 */
public final class SparkTrain {
    static final String USAGE = """
            usage: SparkTrain --events PATH --items PATH (--model-uri URI | --no-publish) [options]
              --events PATH              events: CSV, JSON Lines or Parquet file or directory (any Spark path:
                                         file:, s3a://, s3:// on EMR, oss:// on E-MapReduce, gs:// on Dataproc)
              --items PATH               the catalog (CSV or JSON Lines)
              --format csv|json|parquet  format of --events (default: by extension; a directory: json)
              --model-uri URI            where to publish the bundle: file:DIR or s3://bucket/prefix
              --s3-endpoint URL          S3-compatible endpoint of the model URI (OSS, MinIO); --s3-path-style
              --s3-region REGION         (default us-east-1); credentials: the AWS default chain
              --no-publish               train and report only
              --master URL               Spark master when not set by spark-submit (e.g. local[2])
              --partitions N             partitions of the shuffles by user and by item (default 4 x cores)
              --workers N                XGBoost workers (default: Spark's default parallelism)
              --validation-fraction F    share of the time range held out (default 0.2)
              --seed N --trees N --max-depth N --eta F --subsample F --negative-keep-rate F
              --ease-max-items N --ease-lambda F   as for train
            """;

    private SparkTrain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            code = 2;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args) {
        Deque<String> a = new ArrayDeque<>(List.of(args));
        String events = null;
        String items = null;
        String format = null;
        String modelUri = null;
        String master = null;
        String endpoint = null;
        String region = S3Settings.DEFAULT_REGION;
        boolean pathStyle = false;
        boolean publish = true;
        int partitions = 0;
        int workers = 0;
        double fraction = 0.2;
        long seed = 1;
        int trees = 100;
        int maxDepth = 6;
        double eta = 0.1;
        double subsample = 0.8;
        double keep = 1.0;
        int easeMaxItems = 3000;
        double easeLambda = 250;
        while (!a.isEmpty()) {
            String flag = a.poll();
            switch (flag) {
                case "--events" -> events = value(a, flag);
                case "--items" -> items = value(a, flag);
                case "--format" -> format = value(a, flag);
                case "--model-uri" -> modelUri = value(a, flag);
                case "--s3-endpoint" -> endpoint = value(a, flag);
                case "--s3-region" -> region = value(a, flag);
                case "--s3-path-style" -> pathStyle = true;
                case "--no-publish" -> publish = false;
                case "--master" -> master = value(a, flag);
                case "--partitions" -> partitions = Integer.parseInt(value(a, flag));
                case "--workers" -> workers = Integer.parseInt(value(a, flag));
                case "--validation-fraction" -> fraction = Double.parseDouble(value(a, flag));
                case "--seed" -> seed = Long.parseLong(value(a, flag));
                case "--trees" -> trees = Integer.parseInt(value(a, flag));
                case "--max-depth" -> maxDepth = Integer.parseInt(value(a, flag));
                case "--eta" -> eta = Double.parseDouble(value(a, flag));
                case "--subsample" -> subsample = Double.parseDouble(value(a, flag));
                case "--negative-keep-rate" -> keep = Double.parseDouble(value(a, flag));
                case "--ease-max-items" -> easeMaxItems = Integer.parseInt(value(a, flag));
                case "--ease-lambda" -> easeLambda = Double.parseDouble(value(a, flag));
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        if (events == null || items == null || (publish && modelUri == null)) {
            throw new IllegalArgumentException(USAGE);
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("--validation-fraction must be between 0 and 1");
        }
        JobSpec spec = new JobSpec(Instant.EPOCH, seed, trees, maxDepth, eta, subsample, easeMaxItems, easeLambda,
                keep, Instant.now());
        SparkSession.Builder builder = SparkSession.builder()
                .appName("vitrine-train")
                .config("spark.sql.session.timeZone", "UTC");
        if (master != null) {
            builder.master(master);
        }
        SparkSession spark = builder.getOrCreate();
        try {
            int cores = spark.sparkContext().defaultParallelism();
            SparkTrainer.Run run = new SparkTrainer(spark, System.out).run(EventTable.read(spark, events, format),
                    EventTable.read(spark, items, EventTable.formatOf(items)), spec, fraction,
                    partitions > 0 ? partitions : 4 * cores, workers > 0 ? workers : cores);
            print(run);
            if (publish) {
                S3Settings s3 = new S3Settings(Optional.ofNullable(endpoint).map(URI::create), region, pathStyle,
                        Optional.empty());
                try (ObjectStore store = ObjectStores.open(modelUri, s3)) {
                    BundleManifest manifest = run.result().publish(store, Clock.systemUTC());
                    System.out.printf("published bundle %s to %s (LATEST updated)%n", manifest.version(),
                            store.location());
                }
            }
        } finally {
            spark.stop();
        }
        return 0;
    }

    static void print(SparkTrainer.Run run) {
        TrainingReport r = run.result().report();
        System.out.printf("examples: %d built, %d trained on (%d engaged), %d validation%n", r.builtTrainExamples(),
                r.trainExamples(), r.trainPositives(), r.validationExamples());
        System.out.printf("validation AUC %.4f, log-loss %.4f; NDCG@10 model %.4f, recall order %.4f, MostPop %.4f%n",
                r.auc(), r.logLoss(), r.model().ndcg(), r.recallOrder().ndcg(), r.mostPopular().ndcg());
        StringBuilder s = new StringBuilder("seconds:");
        run.seconds().forEach((k, v) -> s.append(String.format(" %s %.1f", k, v)));
        System.out.println(s);
    }

    private static String value(Deque<String> a, String flag) {
        String v = a.poll();
        if (v == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return v;
    }
}
