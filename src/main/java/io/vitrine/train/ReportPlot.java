package io.vitrine.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training report as a picture a person reads at a glance, published next to the bundle ({@value #FILE}): the
 * features the model leans on, NDCG@10 of the model's order against the recall order and MostPop on the validation
 * users, and the calibration of the score (predicted probability against the observed rate, with the diagonal of a
 * perfectly calibrated model). Drawn with JFreeChart, headless.
 */
public final class ReportPlot {
    /** The plot's file name inside a bundle version. */
    public static final String FILE = "report.png";
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 900;
    private static final int FEATURES = 15;

    private ReportPlot() {
    }

    /** The PNG of a report. */
    public static byte[] png(TrainingReport report) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            importance(report).draw(g, new Rectangle2D.Double(0, 0, WIDTH / 2.0, HEIGHT));
            ranking(report).draw(g, new Rectangle2D.Double(WIDTH / 2.0, 0, WIDTH / 2.0, HEIGHT / 2.0));
            calibration(report).draw(g, new Rectangle2D.Double(WIDTH / 2.0, HEIGHT / 2.0, WIDTH / 2.0,
                    HEIGHT / 2.0));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static JFreeChart importance(TrainingReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<Map.Entry<String, Double>> top = new ArrayList<>(report.featureImportance().entrySet());
        top.subList(0, Math.min(FEATURES, top.size())).forEach(e -> data.addValue(e.getValue(), "gain", e.getKey()));
        JFreeChart chart = ChartFactory.createBarChart("Feature importance (gain), top " + FEATURES, null, "gain",
                data, PlotOrientation.HORIZONTAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static JFreeChart ranking(TrainingReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(report.model().ndcg(), "NDCG@10", "model");
        if (report.recallOrder() != null) {
            data.addValue(report.recallOrder().ndcg(), "NDCG@10", "recall order");
        }
        data.addValue(report.mostPopular().ndcg(), "NDCG@10", "MostPop");
        JFreeChart chart = ChartFactory.createBarChart(String.format("NDCG@10 on %d validation cases, AUC %.3f",
                report.model().cases(), report.auc()), null, "NDCG@10", data, PlotOrientation.VERTICAL, false,
                false, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static JFreeChart calibration(TrainingReport report) {
        XYSeries observed = new XYSeries("observed rate");
        report.calibration().bins().forEach(b -> observed.add(b.meanPredicted(), b.observedRate()));
        XYSeries ideal = new XYSeries("perfect calibration");
        ideal.add(0, 0);
        ideal.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection(observed);
        data.addSeries(ideal);
        JFreeChart chart = ChartFactory.createXYLineChart(String.format("Calibration (expected error %.4f)",
                report.calibration().expectedError()), "mean predicted probability", "observed engagement rate",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesStroke(1, new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                new float[]{4, 4}, 0));
        plot.setRenderer(renderer);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
