package io.vitrine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The packaged service ({@code target/quarkus-app}, which the function packages are made from) holds nothing of the
 * Spark trainer: Spark, Scala's library, Hadoop, Parquet and xgboost4j-spark live only in {@code spark/}'s own
 * application jar. Runs after {@code package}, on the artifact itself.
 */
class ServingArtifactIT {
    private static final List<String> SPARK_SIDE = List.of("org.apache.spark.", "org.scala-lang.", "org.apache.hadoop.",
            "org.apache.parquet.", "ml.dmlc.xgboost4j-spark", "io.vitrine.vitrine-spark");

    @Test
    void thePackagedServiceHoldsNoSparkScalaOrHadoopLibrary() throws IOException {
        Path lib = Path.of("target/quarkus-app/lib");
        // The native profile builds the binary instead of the JVM artifact (and ServeOnlyImageTest guards its image).
        assumeFalse(
                !Files.isDirectory(lib) && Files.isRegularFile(Path.of(System.getProperty("native.image.path", ""))),
                "a native build has no target/quarkus-app");
        assertThat(lib).as("run after package").isDirectory();
        List<String> jars;
        try (Stream<Path> files = Files.walk(lib)) {
            jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
        // Not vacuous: the service's own libraries are there.
        assertThat(jars).anyMatch(n -> n.startsWith("io.quarkus.quarkus-rest-"))
                .anyMatch(n -> n.startsWith("io.vertx.vertx-redis-client-"));
        assertThat(jars).noneMatch(n -> SPARK_SIDE.stream().anyMatch(n::startsWith));
    }
}
