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
                        Map.of("trees", 100)),
                new BundleManifest.FeatureSchema(1, "abc", List.of("f1", "f2")), Map.of("recentItemsCap", 50),
                new BundleManifest.DataWindow("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z",
                        "2026-10-25T00:00:00Z", 1000, 800, 200),
                Map.of("auc", 0.8), Map.of("model.tribuo", new BundleManifest.FileEntry("00ff", 12)));
    }

    @Test
    void roundTripsThroughJson() {
        BundleManifest manifest = manifest();

        assertThat(BundleManifest.parse(manifest.toJson())).isEqualTo(manifest);
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        String json = new String(manifest().toJson(), StandardCharsets.UTF_8)
                .replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");

        assertThatThrownBy(() -> BundleManifest.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("format version 2 is not supported");
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
    }
}
