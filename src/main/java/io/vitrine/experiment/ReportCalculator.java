package io.vitrine.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.ChiSquareTest;
import org.hipparchus.stat.interval.BinomialProportion;
import org.hipparchus.stat.interval.ConfidenceInterval;

import io.vitrine.event.Arm;
import io.vitrine.event.ArmDay;
import io.vitrine.event.ArmTotals;

/**
 * Computes an {@link ExperimentReport} from the totals of each arm. CTR is clicks per impression and CVR buyers per
 * user, both with Wilson score intervals; revenue per user has a normal interval from the per-user variance. Each
 * variant is compared with the control by a pooled two-proportion z-test (CTR, CVR) and Welch's test (revenue per
 * user); the users per variant are checked against the weights with a chi-square test.
 */
public final class ReportCalculator {
    /** Level of every interval. */
    public static final double CONFIDENCE = 0.95;

    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private ReportCalculator() {
    }

    /**
     * @param totals the totals of each variant's arm
     * @param srmThreshold p-value below which the sample ratio is flagged (e.g. 0.001)
     */
    public static ExperimentReport report(Experiment experiment, Map<Arm, ArmTotals> totals, double srmThreshold) {
        return report(experiment, totals, Map.of(), srmThreshold);
    }

    /**
     * @param totals the totals of each variant's arm
     * @param daily the same per UTC day (an arm without an entry has no days)
     * @param srmThreshold p-value below which the sample ratio is flagged (e.g. 0.001)
     */
    public static ExperimentReport report(Experiment experiment, Map<Arm, ArmTotals> totals,
            Map<Arm, List<ArmDay>> daily, double srmThreshold) {
        double weightSum = experiment.variants().stream().mapToDouble(Variant::weight).sum();
        ArmTotals control = totalsOf(experiment, experiment.control(), totals);
        List<ExperimentReport.VariantReport> variants = new ArrayList<>();
        for (Variant v : experiment.variants()) {
            ArmTotals t = totalsOf(experiment, v, totals);
            ExperimentReport.Comparison comparison = v == experiment.control()
                    ? null
                    : new ExperimentReport.Comparison(twoProportionPValue(t.clicks(), t.impressions(),
                            control.clicks(), control.impressions()),
                            twoProportionPValue(t.buyers(), t.users(), control.buyers(), control.users()),
                            welchPValue(t, control));
            variants.add(new ExperimentReport.VariantReport(v.name(), v.weight() / weightSum, t.users(),
                    t.impressions(), t.clicks(), t.addToCarts(), t.purchases(), t.buyers(), t.revenue(),
                    wilson(t.clicks(), t.impressions()), wilson(t.buyers(), t.users()), revenuePerUser(t),
                    comparison, days(daily.getOrDefault(new Arm(experiment.id(), v.name()), List.of()))));
        }
        return new ExperimentReport(experiment.id(), experiment.status().wireName(), experiment.control().name(),
                CONFIDENCE, variants, sampleRatio(experiment, totals, weightSum, srmThreshold));
    }

    /** A variant's days: each day's CTR, and the CVR of the users and buyers counted up to the end of the day. */
    static List<ExperimentReport.DayReport> days(List<ArmDay> days) {
        List<ExperimentReport.DayReport> out = new ArrayList<>(days.size());
        long users = 0;
        long buyers = 0;
        for (ArmDay d : days) {
            users += d.newUsers();
            buyers += d.newBuyers();
            out.add(new ExperimentReport.DayReport(d.day().toString(), d.newUsers(), d.impressions(), d.clicks(),
                    d.addToCarts(), d.purchases(), d.newBuyers(), d.revenue(), wilson(d.clicks(), d.impressions()),
                    wilson(buyers, users)));
        }
        return out;
    }

    private static ArmTotals totalsOf(Experiment e, Variant v, Map<Arm, ArmTotals> totals) {
        return totals.getOrDefault(new Arm(e.id(), v.name()), ArmTotals.EMPTY);
    }

    /** The Wilson score interval of {@code successes / trials}. */
    static ExperimentReport.Estimate wilson(long successes, long trials) {
        if (trials <= 0) {
            return ExperimentReport.Estimate.NONE;
        }
        double p = (double) successes / trials;
        ConfidenceInterval ci = BinomialProportion.getWilsonScoreInterval(Math.toIntExact(trials), p, CONFIDENCE);
        return new ExperimentReport.Estimate(p, ci.getLowerBound(), ci.getUpperBound());
    }

    /** Mean revenue per user with a normal interval; the variance comes from the per-user sums of squares. */
    static ExperimentReport.Estimate revenuePerUser(ArmTotals t) {
        if (t.users() == 0) {
            return ExperimentReport.Estimate.NONE;
        }
        double mean = t.revenue() / t.users();
        if (t.users() < 2) {
            return new ExperimentReport.Estimate(mean, null, null);
        }
        double halfWidth = z() * Math.sqrt(variance(t) / t.users());
        return new ExperimentReport.Estimate(mean, mean - halfWidth, mean + halfWidth);
    }

    /** The sample variance of revenue per user (users without revenue count as 0). */
    static double variance(ArmTotals t) {
        double n = t.users();
        double mean = t.revenue() / n;
        return Math.max(0, (t.revenueSquares() - n * mean * mean) / (n - 1));
    }

    /** Two-sided p-value of the pooled two-proportion z-test; null when undefined. */
    static Double twoProportionPValue(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return null;
        }
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return null;
        }
        double z = ((double) x1 / n1 - (double) x2 / n2) / se;
        return 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    }

    /** Two-sided p-value of Welch's test on revenue per user (normal approximation); null when undefined. */
    static Double welchPValue(ArmTotals a, ArmTotals b) {
        if (a.users() < 2 || b.users() < 2) {
            return null;
        }
        double se = Math.sqrt(variance(a) / a.users() + variance(b) / b.users());
        if (se == 0) {
            return null;
        }
        double z = (a.revenue() / a.users() - b.revenue() / b.users()) / se;
        return 2 * NORMAL.cumulativeProbability(-Math.abs(z));
    }

    private static ExperimentReport.SampleRatio sampleRatio(Experiment e, Map<Arm, ArmTotals> totals,
            double weightSum, double threshold) {
        long[] observed = new long[e.variants().size()];
        double[] expected = new double[observed.length];
        long users = 0;
        for (int i = 0; i < observed.length; i++) {
            observed[i] = totalsOf(e, e.variants().get(i), totals).users();
            users += observed[i];
        }
        if (users == 0) {
            return new ExperimentReport.SampleRatio(null, null, threshold, false);
        }
        for (int i = 0; i < observed.length; i++) {
            expected[i] = users * e.variants().get(i).weight() / weightSum;
        }
        ChiSquareTest test = new ChiSquareTest();
        double p = test.chiSquareTest(expected, observed);
        return new ExperimentReport.SampleRatio(test.chiSquare(expected, observed), p, threshold, p < threshold);
    }

    private static double z() {
        return NORMAL.inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
    }
}
