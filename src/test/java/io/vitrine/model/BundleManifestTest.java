package io.vitrine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BundleManifestTest {
    static BundleManifest manifest() {
        return new BundleManifest(BundleManifest.FORMAT_VERSION, "20261126T120000000Z", "2026-11-26T12:00:00Z",
                new BundleManifest.ModelInfo("model.tribuo", "tribuo-protobuf", "tribuo-xgboost-classification",
                        Map.of("trees", 100), new BundleManifest.TreesInfo("trees.bin", "vitrine-trees", 1)),
                new BundleManifest.FeatureSchema(1, "abc", List.of("f1", "f2")), Map.of("recentItemsCap", 50),
                new BundleManifest.DataWindow("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z",
                        "2026-10-25T00:00:00Z", 1000, 800, 200),
                Map.of("auc", 0.8), Map.of("model.tribuo", new BundleManifest.FileEntry("00ff", 12),
                        "trees.bin", new BundleManifest.FileEntry("ff00", 34)));
    }

    /** As the previous trainer wrote it: format 1, no trees file. */
    static BundleManifest formatOne() {
        BundleManifest m = manifest();
        return new BundleManifest(1, m.version(), m.createdAt(), m.model().withTrees(null), m.featureSchema(),
                m.featureSettings(), m.data(), m.metrics(), Map.of("model.tribuo", m.files().get("model.tribuo")));
    }

    @Test
    void roundTripsThroughJson() {
        BundleManifest manifest = manifest();

        assertThat(BundleManifest.parse(manifest.toJson())).isEqualTo(manifest);
        assertThat(new String(manifest.toJson(), StandardCharsets.UTF_8)).contains("\"trees\" : {");
    }

    @Test
    void readsFormatOneManifestsWhichHaveNoTreesFile() {
        BundleManifest old = formatOne();
        String json = new String(old.toJson(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"formatVersion\" : 1").doesNotContain("trees.bin");

        BundleManifest parsed = BundleManifest.parse(old.toJson());

        assertThat(parsed).isEqualTo(old);
        assertThat(parsed.model().trees()).isNull();
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        String json = new String(manifest().toJson(), StandardCharsets.UTF_8)
                .replaceFirst("\"formatVersion\" : " + BundleManifest.FORMAT_VERSION, "\"formatVersion\" : 4");

        assertThatThrownBy(() -> BundleManifest.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("format version 4 is not supported; this build reads 1 to 3");
    }

    @Test
    void theTreesFileIsRequiredFromFormatTwoAndUnknownBefore() {
        BundleManifest m = manifest();
        BundleManifest twoWithoutTrees = new BundleManifest(2, m.version(), m.createdAt(), m.model().withTrees(null),
                m.featureSchema(), m.featureSettings(), m.data(), m.metrics(), m.files());
        assertThatThrownBy(() -> BundleManifest.parse(twoWithoutTrees.toJson()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("format 2 lacks model.trees");
        BundleManifest oneWithTrees = new BundleManifest(1, m.version(), m.createdAt(), m.model(), m.featureSchema(),
                m.featureSettings(), m.data(), m.metrics(), m.files());
        assertThatThrownBy(() -> BundleManifest.parse(oneWithTrees.toJson()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("format 1 cannot have model.trees");
    }

    @Test
    void refusesGarbageMissingPartsAndUnknownFields() {
        assertThatThrownBy(() -> BundleManifest.parse("{".getBytes())).isInstanceOf(BundleException.class);
        assertThatThrownBy(() -> BundleManifest.parse("{\"formatVersion\":1}".getBytes()))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("lacks");
        String extra = new String(manifest().toJson(), StandardCharsets.UTF_8).replaceFirst("\\{", "{\"x\":1,");
        assertThatThrownBy(() -> BundleManifest.parse(extra.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BundleException.class);
        String extraInTrees = new String(manifest().toJson(), StandardCharsets.UTF_8).replace("\"trees\" : {",
                "\"trees\" : {\"x\":1,");
        assertThatThrownBy(() -> BundleManifest.parse(extraInTrees.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BundleException.class);
    }
}
