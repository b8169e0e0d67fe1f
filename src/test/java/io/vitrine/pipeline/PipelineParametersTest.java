package io.vitrine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vitrine.validation.FieldViolation;

class PipelineParametersTest {
    private static final PipelineSettings BASE = PipelineSettings.defaults();

    private static List<FieldViolation> violations(Map<String, Object> params) {
        List<FieldViolation> out = new ArrayList<>();
        PipelineParameters.validate(params, "variants[0].params", out);
        return out;
    }

    @Test
    void aVariantCanTurnOnEaseWeighItAndBlendTheRecallOrderIntoTheRanking() {
        PipelineSettings off = PipelineParameters.apply(BASE, Map.of("recall.ease.quota", 0, "recall.item_cf.weight",
                2));

        PipelineSettings applied = PipelineParameters.apply(off,
                Map.of("recall.ease.quota", 200, "recall.ease.weight", 10, "rank.recall-weight", 20));

        assertThat(applied.recall().quotas()).containsEntry("ease", 200).containsEntry("item_cf", 200);
        assertThat(applied.recall().weights()).containsEntry("ease", 10.0).containsEntry("item_cf", 2.0);
        assertThat(applied.rank().recallWeight()).isEqualTo(20.0);
        assertThat(applied.rerank()).isEqualTo(BASE.rerank());
    }

    @Test
    void parametersAParameterDoesNotNameKeepTheirValue() {
        PipelineSettings configured = PipelineParameters.apply(BASE, Map.of("rank.recall-weight", 5));

        PipelineSettings applied = PipelineParameters.apply(configured, Map.of("rerank.diversity.window", 8));

        assertThat(PipelineParameters.differences(configured, applied)).containsExactly("rerank.diversity.window");
        assertThat(applied.rank().recallWeight()).isEqualTo(5.0);
        assertThat(applied.rerank().diversity().window()).isEqualTo(8);
    }

    @Test
    void outOfRangeAndUnknownParametersAreNamed() {
        assertThat(violations(Map.of("recall.ease.weight", 10, "rank.recall-weight", 0.5))).isEmpty();
        assertThat(violations(Map.of("rank.recall-weight", 101)))
                .extracting(FieldViolation::field)
                .containsExactly("variants[0].params.rank.recall-weight");
        assertThat(violations(Map.of("recall.ease.weight", -1)))
                .extracting(FieldViolation::field)
                .containsExactly("variants[0].params.recall.ease.weight");
        assertThat(violations(Map.of("recall.item_cf.quota", 1.5)))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("must be an integer between 0 and 1000"));
        assertThat(violations(Map.of("recall.nosuch.weight", 1)))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("rank.recall-weight", "recall.ease.weight"));
        // Seeds exist for the sources seeded by the history only.
        assertThat(violations(Map.of("recall.trending.seeds", 5))).hasSize(1);
    }

    @Test
    void durationsAreIso8601TextInExperimentsAndConfigurationAlike() {
        PipelineSettings applied = PipelineParameters.apply(BASE, Map.of("recall.item_cf.seed-half-life", "P30D",
                "filter.purchased-window", "PT0S"));

        assertThat(applied.recall().source("item_cf").seedHalfLife()).isEqualTo(Duration.ofDays(30));
        assertThat(applied.filter().purchasedWindow()).isZero();
        assertThat(violations(Map.of("recall.item_cf.seed-half-life", 30)))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("ISO-8601 duration"));
        assertThat(violations(Map.of("recall.item_cf.seed-half-life", "-P1D"))).hasSize(1);
    }

    @Test
    void configurationTextIsCheckedAgainstTheSameRangesAndNamesItsKey() {
        PipelineSettings configured = PipelineParameters.configured(BASE,
                name -> name.equals("recall.max-candidates") ? Optional.of("300") : Optional.empty(),
                "vitrine.recommend.");

        assertThat(configured.recall().maxCandidates()).isEqualTo(300);
        assertThatThrownBy(() -> PipelineParameters.configured(BASE,
                name -> name.equals("rerank.exploration.epsilon") ? Optional.of("2") : Optional.empty(),
                "vitrine.recommend."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "vitrine.recommend.rerank.exploration.epsilon must be a number between 0 and 1");
    }

    @Test
    void everyParameterReadsBackWhatItWrote() {
        for (String name : PipelineParameters.settingNames()) {
            String value = PipelineParameters.valueOf(BASE, name);
            assertThat(PipelineParameters.apply(BASE, Map.of(name, value))).as(name).isEqualTo(BASE);
        }
        assertThat(PipelineParameters.names()).contains(PipelineParameters.MODEL_VERSION)
                .hasSize(PipelineParameters.settingNames().size() + 1);
    }

    @Test
    void aModelVersionIsNoSetting() {
        assertThat(PipelineParameters.apply(BASE, Map.of(PipelineParameters.MODEL_VERSION, "v1"))).isEqualTo(BASE);
        assertThat(PipelineParameters.modelVersion(Map.of(PipelineParameters.MODEL_VERSION, "v1"))).contains("v1");
        assertThat(violations(Map.of(PipelineParameters.MODEL_VERSION, "v 1"))).hasSize(1);
    }
}
