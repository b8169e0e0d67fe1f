package io.vitrine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import io.vitrine.event.Arm;
import io.vitrine.event.ArmDay;
import io.vitrine.event.ArmTotals;

/**
 * The report against numbers worked out by hand (z = 1.959964 for 95%):
 * <ul>
 * <li>CTR control 500/10,000 = 0.05, Wilson: centre (p + z²/2n)/(1 + z²/n), half-width z sqrt(p(1-p)/n + z²/4n²)/(1 +
 * z²/n) gives [0.045898, 0.054447]; treatment 600/10,000 gives [0.055512, 0.064826].</li>
 * <li>CTR test: pooled p = 1,100/20,000 = 0.055, se = sqrt(0.055 x 0.945 x 2/10,000) = 0.0032241, z = 0.01/se = 3.1016,
 * two-sided p = 0.0019247.</li>
 * <li>CVR 50/1,000 and 70/1,000: pooled 0.06, se = sqrt(0.06 x 0.94 x 2/1,000) = 0.010621, z = 1.8831, p =
 * 0.059686.</li>
 * <li>Revenue per user: control 50 buyers x 50 = 2,500 over 1,000 users, mean 2.5, sum of squares 50 x 2,500 = 125,000,
 * variance (125,000 - 1,000 x 2.5²)/999 = 118.869, interval 2.5 ± z sqrt(118.869/1,000) = [1.82426, 3.17574]; treatment
 * 70 x 50 = 3,500, mean 3.5, variance (175,000 - 12,250)/999 = 162.913, interval [2.70891, 4.29109]; Welch z =
 * 1/sqrt(0.118869 + 0.162913) = 1.88384, p = 0.059587.</li>
 * <li>Sample ratio 1,000 : 1,000 at weights 1 : 1: chi-square 0, p = 1. Skewed 1,000 : 1,200: expected 1,100 each,
 * chi-square 2 x 100²/1,100 = 18.18, p = 2.0e-5 &lt; 0.001.</li>
 * </ul>
 */
class ReportCalculatorTest {
    private static final Offset<Double> CLOSE = within(1e-5);

    private static final Experiment EXPERIMENT = TestExperiments.running("checkout", "recommend", 1.0, 0, 1, 1);
    private static final Arm CONTROL = new Arm("checkout", "control");
    private static final Arm TREATMENT = new Arm("checkout", "v1");

    private static ArmTotals totals(long users, long impressions, long clicks, long buyers, double revenue,
            double squares) {
        return new ArmTotals(users, impressions, clicks, clicks / 2, buyers, buyers, revenue, squares);
    }

    @Test
    void aReportMatchesTheNumbersWorkedOutByHand() {
        ExperimentReport report = ReportCalculator.report(EXPERIMENT,
                Map.of(CONTROL, totals(1000, 10_000, 500, 50, 2500, 125_000), TREATMENT,
                        totals(1000, 10_000, 600, 70, 3500, 175_000)),
                0.001);

        ExperimentReport.VariantReport control = report.variants().get(0);
        ExperimentReport.VariantReport treatment = report.variants().get(1);
        assertThat(report.control()).isEqualTo("control");
        assertThat(control.name()).isEqualTo("control");
        assertThat(control.versusControl()).isNull();
        assertThat(control.expectedShare()).isEqualTo(0.5);
        assertThat(control.users()).isEqualTo(1000);
        assertThat(treatment.clicks()).isEqualTo(600);
        assertThat(treatment.addToCarts()).isEqualTo(300);
        assertThat(treatment.revenue()).isEqualTo(3500);

        assertThat(control.ctr().value()).isCloseTo(0.05, CLOSE);
        assertThat(control.ctr().low()).isCloseTo(0.045898, CLOSE);
        assertThat(control.ctr().high()).isCloseTo(0.054447, CLOSE);
        assertThat(treatment.ctr().low()).isCloseTo(0.055512, CLOSE);
        assertThat(treatment.ctr().high()).isCloseTo(0.064826, CLOSE);
        assertThat(treatment.cvr().value()).isCloseTo(0.07, CLOSE);
        assertThat(treatment.cvr().low()).isCloseTo(0.055776, CLOSE);
        assertThat(treatment.cvr().high()).isCloseTo(0.087515, CLOSE);

        assertThat(control.revenuePerUser().value()).isCloseTo(2.5, CLOSE);
        assertThat(control.revenuePerUser().low()).isCloseTo(1.824256, CLOSE);
        assertThat(control.revenuePerUser().high()).isCloseTo(3.175744, CLOSE);
        assertThat(treatment.revenuePerUser().low()).isCloseTo(2.708910, CLOSE);
        assertThat(treatment.revenuePerUser().high()).isCloseTo(4.291090, CLOSE);

        assertThat(treatment.versusControl().ctrPValue()).isCloseTo(0.0019247, within(1e-6));
        assertThat(treatment.versusControl().cvrPValue()).isCloseTo(0.059686, within(1e-5));
        assertThat(treatment.versusControl().revenuePerUserPValue()).isCloseTo(0.059587, within(1e-5));

        assertThat(report.sampleRatio().chiSquare()).isCloseTo(0.0, CLOSE);
        assertThat(report.sampleRatio().pValue()).isCloseTo(1.0, CLOSE);
        assertThat(report.sampleRatio().mismatch()).isFalse();
    }

    @Test
    void aSkewedSplitRaisesTheSampleRatioMismatchFlag() {
        ExperimentReport report = ReportCalculator.report(EXPERIMENT,
                Map.of(CONTROL, totals(1000, 0, 0, 0, 0, 0), TREATMENT, totals(1200, 0, 0, 0, 0, 0)), 0.001);

        assertThat(report.sampleRatio().chiSquare()).isCloseTo(18.181818, CLOSE);
        assertThat(report.sampleRatio().pValue()).isCloseTo(2.0079e-5, within(1e-8));
        assertThat(report.sampleRatio().mismatch()).isTrue();
    }

    @Test
    void anExperimentWithoutDataHasNoRatesAndNoFlag() {
        ExperimentReport report = ReportCalculator.report(EXPERIMENT, Map.of(), 0.001);

        assertThat(report.variants()).allSatisfy(v -> {
            assertThat(v.users()).isZero();
            assertThat(v.ctr().value()).isNull();
            assertThat(v.revenuePerUser().value()).isNull();
        });
        assertThat(report.variants().get(1).versusControl().ctrPValue()).isNull();
        assertThat(report.sampleRatio().pValue()).isNull();
        assertThat(report.sampleRatio().mismatch()).isFalse();
    }

    @Test
    void eachDayHasItsOwnCtrAndTheCvrAsItStoodAtTheEndOfTheDay() {
        // Day 1: 10,000 impressions, 500 clicks (the control's CTR above); 600 new users, 30 new buyers. Day 2: 400 new
        // users and 20 new buyers, so the cumulative CVR is 50/1,000, the control's CVR above: [0.038149, 0.065416].
        List<ArmDay> days = List.of(new ArmDay(LocalDate.parse("2026-11-20"), 600, 10_000, 500, 3, 31, 30, 1500),
                new ArmDay(LocalDate.parse("2026-11-21"), 400, 0, 0, 1, 20, 20, 1000));

        ExperimentReport report = ReportCalculator.report(EXPERIMENT,
                Map.of(CONTROL, totals(1000, 10_000, 500, 50, 2500, 125_000)), Map.of(CONTROL, days), 0.001);

        List<ExperimentReport.DayReport> control = report.variants().get(0).days();
        assertThat(control).extracting(ExperimentReport.DayReport::day).containsExactly("2026-11-20", "2026-11-21");
        assertThat(control.get(0).ctr().value()).isEqualTo(0.05);
        assertThat(control.get(0).ctr().low()).isCloseTo(0.045898, CLOSE);
        assertThat(control.get(0).ctr().high()).isCloseTo(0.054447, CLOSE);
        assertThat(control.get(0).cumulativeCvr().value()).isEqualTo(0.05);
        assertThat(control.get(1).ctr()).isEqualTo(new ExperimentReport.Estimate(null, null, null));
        assertThat(control.get(1).cumulativeCvr().value()).isEqualTo(0.05);
        assertThat(control.get(1).cumulativeCvr().low())
                .isCloseTo(report.variants().get(0).cvr().low(), CLOSE);
        assertThat(control.get(1).newBuyers()).isEqualTo(20);
        assertThat(control.get(1).revenue()).isEqualTo(1000);
        assertThat(report.variants().get(1).days()).isEmpty();
    }
}
