package io.vitrine.spark;

import java.util.Map;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: {@code local[2]}, no UI, UTC, few shuffle partitions. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession session() {
        return session(Map.of());
    }

    /** With more settings, as {@code spark-submit --conf KEY=VALUE} gives them (e.g. {@code spark.hadoop.*}). */
    static SparkSession session(Map<String, String> conf) {
        SparkSession.Builder builder = SparkSession.builder()
                .master("local[2]")
                .appName("vitrine-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1");
        conf.forEach(builder::config);
        return builder.getOrCreate();
    }
}
