package io.vitrine.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vitrine.config.VitrineConfig;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.pipeline.PipelineSettings;

/** The configuration of the pipeline, read as Quarkus reads it (SmallRye Config and the mapping), without a boot. */
class PipelineConfigurationTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(VitrineConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
    }

    @Test
    void theMappingDeclaresExactlyTheParametersOfTheTable() {
        Set<String> declared = ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(
                VitrineConfig.class, "vitrine"))
                .keySet()
                .stream()
                .filter(name -> name.startsWith(PipelineConfiguration.PREFIX)
                        && !name.startsWith(PipelineConfiguration.PREFIX + "scenes."))
                .map(name -> name.substring(PipelineConfiguration.PREFIX.length()))
                .filter(name -> name.contains("."))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(declared).containsExactlyInAnyOrderElementsOf(PipelineParameters.settingNames());
    }

    @Test
    void withoutConfigurationTheBuiltInDefaultsServe() {
        assertThat(PipelineConfiguration.defaults(config(Map.of()))).isEqualTo(PipelineSettings.defaults());
    }

    @Test
    void aKeyChangesItsParameterByTheTableName() {
        SmallRyeConfig config = config(Map.of("vitrine.recommend.recall.item_cf.quota", "7",
                "vitrine.recommend.recall.ease.seed-half-life", "P3D", "vitrine.recommend.rank.recall-weight", "2.5"));
        config.getConfigMapping(VitrineConfig.class);

        PipelineSettings settings = PipelineConfiguration.defaults(config);

        assertThat(PipelineParameters.differences(PipelineSettings.defaults(), settings))
                .containsExactlyInAnyOrder("recall.item_cf.quota", "recall.ease.seed-half-life", "rank.recall-weight");
        assertThat(PipelineParameters.valueOf(settings, "recall.item_cf.quota")).isEqualTo("7");
        assertThat(PipelineParameters.valueOf(settings, "recall.ease.seed-half-life")).isEqualTo("PT72H");
    }

    @Test
    void anEnvironmentVariableSetsAParameterAsDeploymentsDo() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(VitrineConfig.class)
                .withSources(new EnvConfigSource(Map.of("VITRINE_RECOMMEND_RECALL_ITEM_CF_QUOTA", "9",
                        "VITRINE_RECOMMEND_RERANK_DIVERSITY_MAX_PER_BRAND", "2"), 300))
                .build();
        config.getConfigMapping(VitrineConfig.class);

        PipelineSettings settings = PipelineConfiguration.defaults(config);

        assertThat(settings.recall().source("item_cf").quota()).isEqualTo(9);
        assertThat(settings.rerank().diversity().maxPerBrand()).isEqualTo(2);
    }

    @Test
    void aScenePlanChangesOnlyWhatItNamesOverTheConfiguredPipeline() {
        SmallRyeConfig config = config(Map.of("vitrine.recommend.rerank.diversity.window", "12",
                "vitrine.recommend.scenes.product.recall.item_cf.weight", "5",
                "vitrine.recommend.scenes.product.recall.trending.quota", "0"));
        VitrineConfig mapping = config.getConfigMapping(VitrineConfig.class);
        PipelineSettings base = PipelineConfiguration.defaults(config);

        Map<String, PipelineSettings> scenes = PipelineConfiguration.scenes(config,
                mapping.recommend().scenes().keySet(), base);

        assertThat(scenes).containsOnlyKeys("product");
        assertThat(PipelineParameters.differences(base, scenes.get("product")))
                .containsExactlyInAnyOrder("recall.item_cf.weight", "recall.trending.quota");
        assertThat(scenes.get("product").rerank().diversity().window()).isEqualTo(12);
    }

    @Test
    void anUnknownKeyStopsTheStart() {
        assertThatThrownBy(() -> config(Map.of("vitrine.recommend.recall.nosuch.quota", "1"))
                .getConfigMapping(VitrineConfig.class))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("vitrine.recommend.recall.nosuch.quota");
    }

    @Test
    void anOutOfRangeValueStopsTheStartNamingItsKey() {
        SmallRyeConfig config = config(Map.of("vitrine.recommend.scenes.home.rerank.exploration.epsilon", "1.5"));
        VitrineConfig mapping = config.getConfigMapping(VitrineConfig.class);

        assertThatThrownBy(() -> PipelineConfiguration.scenes(config, mapping.recommend().scenes().keySet(),
                PipelineSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vitrine.recommend.scenes.home.rerank.exploration.epsilon must be a number"
                        + " between 0 and 1");
    }
}
