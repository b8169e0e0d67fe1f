package io.vitrine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.rank.TribuoRanker;
import io.vitrine.storage.FileObjectStore;
import io.vitrine.train.TrainingExample;

/**
 * Serving with the java evaluator needs no Tribuo and no xgboost4j (so no libxgboost): a published bundle is read,
 * verified and scored by the application's classes loaded without those jars, with Tribuo's scores.
 */
class JavaEvaluatorIsolationTest {
    @TempDir
    Path dir;

    @Test
    void aBundleIsLoadedAndScoredWithoutTribuoOrXgboost4jOnTheClassPath() throws Exception {
        var trained = TrainedFixture.result();
        try (FileObjectStore store = new FileObjectStore(dir)) {
            new BundlePublisher(store, Clock.systemUTC()).publish(trained.model(), trained.tables(),
                    TrainedFixture.draft());
        }
        List<double[]> vectors = trained.validation().stream().map(TrainingExample::features).toList();
        List<URL> withoutTribuo = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith("tribuo-") && !name.startsWith("xgboost4j")) {
                withoutTribuo.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(withoutTribuo).hasSizeLessThan(classPath.split(File.pathSeparator).length);

        try (URLClassLoader isolated = new URLClassLoader(withoutTribuo.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass("ml.dmlc.xgboost4j.java.Booster"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> isolated.loadClass("org.tribuo.Model"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> serving = isolated.loadClass(IsolatedServing.class.getName());
            assertThat(serving).isNotSameAs(IsolatedServing.class);

            double[] scores = (double[]) serving.getMethod("score", Path.class, String.class, List.class)
                    .invoke(null, dir, TrainedFixture.SCHEMA, vectors);

            double[] expected = new TribuoRanker(trained.model()).score(vectors);
            for (int i = 0; i < expected.length; i++) {
                assertThat(scores[i]).isCloseTo(expected[i], within(1e-6));
            }
        }
    }
}
