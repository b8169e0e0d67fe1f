package io.vitrine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hipparchus.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Assignment: weights, coverage ramps, layers, and the published test vectors. */
class AssignerTest {
    private static final int USERS = 100_000;
    /** Tests below this p-value fail: one false alarm in a thousand runs, and the ids are fixed anyway. */
    private static final double ALPHA = 0.001;

    private static String user(int i) {
        return "user-" + i;
    }

    @Test
    void oneHundredThousandUsersSplitAsTheWeightsSay() {
        Experiment e = TestExperiments.running("split", "recommend", 1.0, 0, 50, 30, 20);
        long[] observed = new long[3];
        for (int i = 0; i < USERS; i++) {
            String variant = Assigner.assign(e, user(i)).orElseThrow().variant();
            observed[e.variants().indexOf(e.variant(variant).orElseThrow())]++;
        }
        double[] expected = {USERS * 0.5, USERS * 0.3, USERS * 0.2};

        double p = new ChiSquareTest().chiSquareTest(expected, observed);
        assertThat(p).as("chi-square p-value of %s against 50/30/20", java.util.Arrays.toString(observed))
                .isGreaterThan(ALPHA);
    }

    @Test
    void aSkewedSplitWouldFailTheSameCheck() {
        // The check above can fail: 50.6/30/19.4 of 100,000 is already far outside the tolerance.
        double[] expected = {USERS * 0.5, USERS * 0.3, USERS * 0.2};
        long[] skewed = {50_600, 30_000, 19_400};
        assertThat(new ChiSquareTest().chiSquareTest(expected, skewed)).isLessThan(ALPHA);
    }

    @Test
    void coverageCoversItsShareOfTheLayer() {
        Experiment e = TestExperiments.running("cov", "recommend", 0.1, 2500, 1, 1);
        long covered = java.util.stream.IntStream.range(0, USERS)
                .filter(i -> Assigner.assign(e, user(i)).isPresent())
                .count();
        double p = new ChiSquareTest().chiSquareTest(new double[]{USERS * 0.1, USERS * 0.9},
                new long[]{covered, USERS - covered});
        assertThat(p).isGreaterThan(ALPHA);
    }

    @Test
    void rampingCoverageFromTenToFiftyPercentMovesNoAssignedUser() {
        Experiment at10 = TestExperiments.running("ramp", "recommend", 0.1, 0, 1, 1, 1);
        Experiment at50 = TestExperiments.running("ramp", "recommend", 0.5, 0, 1, 1, 1);
        int assignedAt10 = 0;
        int assignedAt50 = 0;
        for (int i = 0; i < USERS; i++) {
            Optional<Assignment> before = Assigner.assign(at10, user(i));
            Optional<Assignment> after = Assigner.assign(at50, user(i));
            if (before.isPresent()) {
                assignedAt10++;
                assertThat(after).as("user %d after the ramp", i).contains(before.get());
            }
            if (after.isPresent()) {
                assignedAt50++;
            }
        }
        assertThat(assignedAt10).isBetween(9_500, 10_500);
        assertThat(assignedAt50).isBetween(49_000, 51_000);
    }

    @Test
    void experimentsOfOneLayerNeverShareAUser() {
        Experiment first = TestExperiments.running("first", "recommend", 0.5, 0, 1, 1);
        Experiment second = TestExperiments.running("second", "recommend", 0.5, 5000, 1, 1);
        int inFirst = 0;
        int inSecond = 0;
        for (int i = 0; i < USERS; i++) {
            boolean a = Assigner.assign(first, user(i)).isPresent();
            boolean b = Assigner.assign(second, user(i)).isPresent();
            assertThat(a && b).as("user %d is in both", i).isFalse();
            inFirst += a ? 1 : 0;
            inSecond += b ? 1 : 0;
        }
        assertThat(inFirst + inSecond).isEqualTo(USERS);
    }

    @Test
    void layersAreIndependent() {
        // Chi-square test of independence: a user's variant in one layer says nothing about the other layer.
        Experiment ranking = TestExperiments.running("ranking", "recommend", 1.0, 0, 1, 1, 1);
        Experiment banner = TestExperiments.running("banner", "ui.home", 1.0, 0, 1, 1);
        long[][] table = new long[3][2];
        for (int i = 0; i < USERS; i++) {
            int r = ranking.variants()
                    .indexOf(ranking.variant(Assigner.assign(ranking, user(i))
                            .orElseThrow()
                            .variant()).orElseThrow());
            int b = banner.variants()
                    .indexOf(banner.variant(Assigner.assign(banner, user(i))
                            .orElseThrow()
                            .variant()).orElseThrow());
            table[r][b]++;
        }
        double p = new ChiSquareTest().chiSquareTest(table);
        assertThat(p).as("independence p-value of %s", java.util.Arrays.deepToString(table)).isGreaterThan(ALPHA);
    }

    @Test
    void anExperimentThatIsNotRunningAssignsNobody() {
        Experiment running = TestExperiments.running("x", "recommend", 1.0, 0, 1, 1);
        for (ExperimentStatus status : List.of(ExperimentStatus.DRAFT, ExperimentStatus.STOPPED)) {
            Experiment e = new Experiment("x", "recommend", "x", status, 1.0, 0, running.variants(), 1,
                    Instant.EPOCH);
            assertThat(Assigner.assign(e, "u-1")).isEmpty();
        }
        assertThat(Assigner.assign(running, "u-1")).isPresent();
    }

    @Test
    void thePublishedTestVectorsPass() throws IOException {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/experiments/assignment-test-vectors.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        for (JsonNode check : doc.get("hashChecks")) {
            assertThat(Bucketing.hash(check.get("text").asText())).as("hash of %s", check.get("text"))
                    .isEqualTo(check.get("murmur3_x86_32").asLong());
        }
        Map<String, Experiment> experiments = new HashMap<>();
        for (JsonNode e : doc.get("experiments")) {
            List<Variant> variants = new ArrayList<>();
            e.get("variants")
                    .forEach(v -> variants.add(new Variant(v.get("name").asText(),
                            v.get("weight").asDouble(), Map.of())));
            experiments.put(e.get("id").asText(), new Experiment(e.get("id").asText(), e.get("layer").asText(),
                    e.get("salt").asText(), ExperimentStatus.RUNNING, e.get("coverage").asDouble(),
                    e.get("offset").asInt(), variants, 1, Instant.EPOCH));
        }
        int checked = 0;
        for (JsonNode v : doc.get("vectors")) {
            Experiment e = experiments.get(v.get("experiment").asText());
            String userId = v.get("userId").asText();
            assertThat(Bucketing.layerBucket(e.layer(), userId)).isEqualTo(v.get("layerBucket").asInt());
            assertThat(Bucketing.variantBucket(e.salt(), userId)).isEqualTo(v.get("variantBucket").asInt());
            String expected = v.get("variant").isNull() ? null : v.get("variant").asText();
            assertThat(Assigner.assign(e, userId).map(Assignment::variant).orElse(null))
                    .as("%s for %s", e.id(), userId)
                    .isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }
}
