package io.vitrine.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

import io.quarkus.qute.TemplateData;

/**
 * The console's plots as geometry that a template draws as SVG: each chart is computed here (scales, ticks, points) and
 * rendered on the server, so it reads without JavaScript; values are in {@code data-} attributes for scripts and tests.
 */
public final class Charts {
    /** Colours of the variants, the control first (colour-blind safe, Okabe-Ito). */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442", "#000000");

    private Charts() {
    }

    static String color(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    /** A rate as a percentage with two decimals ({@code 5.12%}); an em dash for null. */
    static String percent(Double rate) {
        return rate == null ? "\u2014" : String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The smallest of 1, 2, 2.5 and 5 times a power of ten at or above {@code max} (the top of an axis). */
    static double niceCeiling(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * power >= max * (1 - 1e-9)) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /**
     * Dot-and-whisker rows: each variant's estimate with its interval, on one shared axis from 0.
     *
     * @param format how axis and values are written
     */
    static IntervalChart intervals(String id, String title, List<Estimate> estimates, DoubleFunction<String> format) {
        int left = 130;
        int right = 400;
        int rowHeight = 34;
        int top = 10;
        double max = 0;
        for (Estimate e : estimates) {
            if (e.value() != null) {
                max = Math.max(max, e.high() == null ? e.value() : e.high());
            }
        }
        double axisMax = niceCeiling(max);
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double v = axisMax * i / 4;
            double at = round(left + (right - left) * v / axisMax);
            ticks.add(new Tick(at, at, format.apply(v)));
        }
        List<IntervalRow> rows = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < estimates.size(); i++) {
            Estimate e = estimates.get(i);
            double y = top + rowHeight * i + rowHeight / 2.0;
            if (e.value() == null) {
                rows.add(new IntervalRow(e.label(), y, y + 4, 0, 0, 0, "no data yet", false, color(i), "", "", ""));
                continue;
            }
            any = true;
            double low = e.low() == null ? e.value() : e.low();
            double high = e.high() == null ? e.value() : e.high();
            rows.add(new IntervalRow(e.label(), y, y + 4, round(left + (right - left) * e.value() / axisMax),
                    round(left + (right - left) * low / axisMax), round(left + (right - left) * high / axisMax),
                    format.apply(e.value()) + " [" + format.apply(low) + ", " + format.apply(high) + "]", true,
                    color(i), Double.toString(e.value()), Double.toString(low), Double.toString(high)));
        }
        int height = top + rowHeight * estimates.size() + 28;
        return new IntervalChart(id, title, 640, height, left, right, left - 8, right + 10, height - 22,
                height - 8, ticks, rows, any);
    }

    /**
     * Daily lines, one per variant, with the 95% band of each point where it has one.
     *
     * @param days the x axis, oldest first
     */
    static LineChart lines(String id, String title, List<String> days, List<Series> series,
            DoubleFunction<String> format) {
        int left = 60;
        int right = 600;
        int top = 12;
        int bottom = 190;
        double max = 0;
        for (Series s : series) {
            for (int i = 0; i < s.values().size(); i++) {
                Double hi = s.highs().get(i) != null ? s.highs().get(i) : s.values().get(i);
                if (hi != null) {
                    max = Math.max(max, hi);
                }
            }
        }
        double axisMax = niceCeiling(max);
        DoubleFunction<Double> x = i -> round(days.size() <= 1
                ? (left + right) / 2.0
                : left + (right - left) * i / (days.size() - 1));
        DoubleFunction<Double> y = v -> round(bottom - (bottom - top) * v / axisMax);
        List<Tick> yTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double v = axisMax * i / 4;
            yTicks.add(new Tick(y.apply(v), y.apply(v) + 4, format.apply(v)));
        }
        List<Tick> xLabels = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(days.size() / 8.0));
        for (int i = 0; i < days.size(); i += every) {
            xLabels.add(new Tick(x.apply(i), bottom + 16, days.get(i).substring(5)));
        }
        List<Line> lines = new ArrayList<>();
        boolean any = false;
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            StringBuilder points = new StringBuilder();
            StringBuilder upper = new StringBuilder();
            StringBuilder lower = new StringBuilder();
            List<Point> dots = new ArrayList<>();
            for (int i = 0; i < days.size(); i++) {
                Double v = one.values().get(i);
                if (v == null) {
                    continue;
                }
                any = true;
                points.append(points.isEmpty() ? "" : " ").append(x.apply(i)).append(',').append(y.apply(v));
                Double lo = one.lows().get(i);
                Double hi = one.highs().get(i);
                if (lo != null && hi != null) {
                    upper.append(upper.isEmpty() ? "" : " ").append(x.apply(i)).append(',').append(y.apply(hi));
                    lower.insert(0, x.apply(i) + "," + y.apply(lo) + " ");
                }
                dots.add(new Point(x.apply(i), y.apply(v), days.get(i), Double.toString(v),
                        one.name() + " " + days.get(i) + ": " + format.apply(v)));
            }
            String band = upper.isEmpty() ? "" : upper + " " + lower.toString().strip();
            lines.add(new Line(one.name(), color(s), points.toString(), band, dots));
        }
        return new LineChart(id, title, 640, bottom + 30, left, right, left - 6, top, bottom, yTicks, xLabels, lines,
                any);
    }

    /** Horizontal bars, largest first, at most {@code limit}. */
    static BarChart bars(String id, String title, List<Bar> values, int limit) {
        List<Bar> sorted = values.stream()
                .sorted((a, b) -> Double.compare(b.value(), a.value()))
                .limit(limit)
                .toList();
        double max = sorted.stream().mapToDouble(Bar::value).max().orElse(0);
        int left = 220;
        int right = 490;
        int rowHeight = 20;
        List<BarRow> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Bar b = sorted.get(i);
            double width = max > 0 ? round((right - left) * b.value() / max) : 0;
            int y = 6 + rowHeight * i;
            rows.add(new BarRow(b.label(), y + 12, y + 2, width, round(left + width + 4), b.text(),
                    Double.toString(b.value())));
        }
        return new BarChart(id, title, 640, 12 + rowHeight * sorted.size(), left, left - 6, rows, !sorted.isEmpty());
    }

    /** One estimate to plot: a label, a value and its interval (any may be null). */
    record Estimate(String label, Double value, Double low, Double high) {
    }

    /** One line's values per day, with the interval of each (null where there is none). */
    record Series(String name, List<Double> values, List<Double> lows, List<Double> highs) {
    }

    /** One bar to plot. */
    record Bar(String label, double value, String text) {
    }

    /** An axis tick at a position. */
    @TemplateData
    public record Tick(double at, double textAt, String label) {
    }

    /** Dot-and-whisker chart. */
    @TemplateData
    public record IntervalChart(String id, String title, int width, int height, int left, int right, int labelX,
            int textX, int axisY, int tickTextY, List<Tick> ticks, List<IntervalRow> rows, boolean hasData) {
    }

    /** One row of an interval chart; the raw numbers are for {@code data-} attributes. */
    @TemplateData
    public record IntervalRow(String label, double y, double textY, double x, double xLow, double xHigh, String text,
            boolean hasValue, String color, String value, String low, String high) {
    }

    /** Daily line chart. */
    @TemplateData
    public record LineChart(String id, String title, int width, int height, int left, int right, int labelX, int top,
            int bottom, List<Tick> yTicks, List<Tick> xLabels, List<Line> lines, boolean hasData) {
    }

    /** One variant's line, the polygon of its band, and its points. */
    @TemplateData
    public record Line(String name, String color, String points, String band, List<Point> dots) {
    }

    /** One point of a line. */
    @TemplateData
    public record Point(double x, double y, String day, String value, String text) {
    }

    /** Bar chart. */
    @TemplateData
    public record BarChart(String id, String title, int width, int height, int left, int labelX, List<BarRow> rows,
            boolean hasData) {
    }

    /** One bar. */
    @TemplateData
    public record BarRow(String label, int textY, int barY, double width, double valueX, String text, String value) {
    }
}
