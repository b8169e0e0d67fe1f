package io.vitrine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.vitrine.model.BundleManifest;
import io.vitrine.model.TrainedFixture;

/** The training report a person reads: in the manifest and as a picture beside it. */
class ReportPlotTest {

    @Test
    void theReportIsInTheManifestAndDrawnAsAPng() throws Exception {
        TrainingReport report = TrainedFixture.result().report();

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ReportPlot.png(report)));
        BundleManifest.Report inManifest = BundleDraft.of(TrainedFixture.result()).report();

        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(900);
        // Not a blank page: the charts drew in more than a handful of colours.
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 7) {
            for (int y = 0; y < image.getHeight(); y += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(20);
        assertThat(inManifest.plot()).isEqualTo(ReportPlot.FILE);
        assertThat(inManifest.featureImportance()).isEqualTo(report.featureImportance()).isNotEmpty();
        assertThat(inManifest.ranking()).containsKeys("model", "mostPopular");
        assertThat(inManifest.calibration()).isNotEmpty();
        assertThat(inManifest.calibrationError()).isEqualTo(report.calibration().expectedError());
    }
}
