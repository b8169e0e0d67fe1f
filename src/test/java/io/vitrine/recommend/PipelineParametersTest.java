package io.vitrine.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vitrine.validation.FieldViolation;

class PipelineParametersTest {
    private static final RecommendSettings BASE = new RecommendSettings(Map.of("item_cf", 200, "ease", 0), 500, 3, 4,
            10, 14, 0.3, 0.2, 0.1, Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofSeconds(5), 1000,
            Duration.ofDays(30), Duration.ofMillis(300), Map.of("user", Duration.ofMillis(100)));

    private static List<FieldViolation> violations(Map<String, Object> params) {
        List<FieldViolation> out = new ArrayList<>();
        PipelineParameters.validate(params, "variants[0].params", out);
        return out;
    }

    @Test
    void aVariantCanTurnOnEaseWeighItAndBlendTheRecallOrderIntoTheRanking() {
        RecommendSettings applied = PipelineParameters.apply(BASE.withBlend(Map.of("item_cf", 2.0), 0),
                Map.of("recall.ease.quota", 200, "recall.ease.weight", 10, "rank.recall-weight", 20));

        assertThat(applied.quotas()).containsEntry("ease", 200).containsEntry("item_cf", 200);
        assertThat(applied.sourceWeights()).containsEntry("ease", 10.0).containsEntry("item_cf", 2.0);
        assertThat(applied.recallWeight()).isEqualTo(20.0);
        assertThat(applied.maxPerCategory()).isEqualTo(BASE.maxPerCategory());
        assertThat(applied.stageTimeouts()).isEqualTo(BASE.stageTimeouts());
    }

    @Test
    void withoutBlendParametersAVariantKeepsTheConfiguredBlend() {
        RecommendSettings configured = BASE.withBlend(Map.of("ease", 10.0), 5);

        RecommendSettings applied = PipelineParameters.apply(configured, Map.of("rerank.diversity.window", 8));

        assertThat(applied.sourceWeights()).isEqualTo(Map.of("ease", 10.0));
        assertThat(applied.recallWeight()).isEqualTo(5.0);
        assertThat(applied.diversityWindow()).isEqualTo(8);
    }

    @Test
    void outOfRangeAndUnknownBlendParametersAreNamed() {
        assertThat(violations(Map.of("recall.ease.weight", 10, "rank.recall-weight", 0.5))).isEmpty();
        assertThat(violations(Map.of("rank.recall-weight", 101)))
                .extracting(FieldViolation::field)
                .containsExactly("variants[0].params.rank.recall-weight");
        assertThat(violations(Map.of("recall.ease.weight", -1)))
                .extracting(FieldViolation::field)
                .containsExactly("variants[0].params.recall.ease.weight");
        assertThat(violations(Map.of("recall.nosuch.weight", 1)))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("rank.recall-weight", "recall.ease.weight"));
    }
}
