package io.vitrine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How well the model's scores match observed engagement rates: validation examples in ten equal-width bins of the
 * predicted probability, each with its mean prediction and its observed rate, and the expected calibration error (the
 * example-weighted mean gap). A ranker only needs the order, but a score that reads as a probability lets an operator
 * set thresholds and compare models.
 *
 * @param bins the non-empty bins, lowest prediction first
 * @param expectedError the expected calibration error, in [0, 1]
 */
public record Calibration(List<Bin> bins, double expectedError) {
    /** Bins of predicted probability. */
    public static final int BINS = 10;

    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * One bin.
     *
     * @param from lowest prediction of the bin
     * @param to highest (exclusive, but 1 for the last)
     * @param examples how many predictions fell in it
     * @param meanPredicted their mean
     * @param observedRate the share of them engaged
     */
    public record Bin(double from, double to, long examples, double meanPredicted, double observedRate) {
    }

    /** The calibration of {@code predicted} probabilities against {@code engaged}. */
    public static Calibration of(boolean[] engaged, double[] predicted) {
        long[] count = new long[BINS];
        double[] sum = new double[BINS];
        long[] positive = new long[BINS];
        for (int i = 0; i < predicted.length; i++) {
            int b = Math.min(BINS - 1, Math.max(0, (int) (predicted[i] * BINS)));
            count[b]++;
            sum[b] += predicted[i];
            positive[b] += engaged[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>();
        double error = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] == 0) {
                continue;
            }
            double mean = sum[b] / count[b];
            double rate = (double) positive[b] / count[b];
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, count[b], mean, rate));
            error += count[b] * Math.abs(mean - rate);
        }
        return new Calibration(bins, predicted.length == 0 ? 0 : error / predicted.length);
    }
}
