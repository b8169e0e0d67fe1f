package io.vitrine.experiment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the variants of an experiment compare, from the events attributed to them.
 *
 * @param experimentId the experiment
 * @param status its status
 * @param control the control variant's name
 * @param confidenceLevel of every interval (0.95)
 * @param variants one entry per variant, the control first
 * @param sampleRatio whether the users split as the weights say
 */
@Schema(name = "ExperimentReport", description = "How the variants of an experiment compare, from the events"
        + " attributed to them")
public record ExperimentReport(@Schema(required = true, examples = "ranker-2026-11") String experimentId,
        @Schema(required = true, enumeration = {
                "draft", "running", "stopped"}) String status,
        @Schema(required = true, description = "The control variant's name", examples = "control") String control,
        @Schema(required = true, description = "Of every interval", examples = "0.95") double confidenceLevel,
        @Schema(required = true, description = "One entry per variant, the control first") List<VariantReport> variants,
        @Schema(required = true) SampleRatio sampleRatio){

    /**
     * One variant.
     *
     * @param name the variant
     * @param expectedShare its weight over the sum of the weights
     * @param users distinct users with an attributed event
     * @param impressions impression events
     * @param clicks click events
     * @param addToCarts add-to-cart events
     * @param purchases purchase events
     * @param buyers distinct users with a purchase
     * @param revenue the sum of purchase values
     * @param ctr clicks per impression
     * @param cvr buyers per user
     * @param revenuePerUser revenue per user
     * @param versusControl the tests against the control; null for the control itself
     * @param days the trend: one entry per UTC day with attributed events, oldest first
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "VariantReport", description = "One variant's numbers")
    public record VariantReport(@Schema(required = true, examples = "control") String name,
            @Schema(required = true, minimum = "0", maximum = "1", description = "Its weight over the sum of the"
                    + " weights", examples = "0.5") double expectedShare,
            @Schema(required = true, minimum = "0", description = "Distinct users with an attributed event") long users,
            @Schema(required = true, minimum = "0") long impressions,
            @Schema(required = true, minimum = "0") long clicks,
            @Schema(required = true, minimum = "0") long addToCarts,
            @Schema(required = true, minimum = "0") long purchases,
            @Schema(required = true, minimum = "0", description = "Distinct users with a purchase") long buyers,
            @Schema(required = true, minimum = "0", description = "The sum of purchase values") double revenue,
            @Schema(required = true) Estimate ctr,
            @Schema(required = true) Estimate cvr,
            @Schema(required = true) Estimate revenuePerUser,
            @Schema(required = true) Comparison versusControl,
            @Schema(required = true, description = "The trend: one entry per UTC day (of the events' timestamps) with"
                    + " attributed events, oldest first") List<DayReport> days) {
    }

    /**
     * One UTC day of a variant.
     *
     * @param day the day, {@code yyyy-mm-dd}
     * @param newUsers users whose first attributed event fell on the day
     * @param impressions the day's impression events
     * @param clicks the day's click events
     * @param addToCarts the day's add-to-cart events
     * @param purchases the day's purchase events
     * @param newBuyers users whose first attributed purchase fell on the day
     * @param revenue the day's purchase values
     * @param ctr the day's clicks per impression with its interval
     * @param cumulativeCvr buyers per user counted up to and including the day, with its interval: the report's CVR as
     *            it stood then
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "DayReport", description = "One UTC day of a variant: the day's counts, its CTR, and the CVR as it"
            + " stood at the end of the day")
    public record DayReport(
            @Schema(required = true, format = "date", examples = "2026-11-26") String day,
            @Schema(required = true, minimum = "0", description = "Users whose first attributed event fell on the"
                    + " day") long newUsers,
            @Schema(required = true, minimum = "0") long impressions,
            @Schema(required = true, minimum = "0") long clicks,
            @Schema(required = true, minimum = "0") long addToCarts,
            @Schema(required = true, minimum = "0") long purchases,
            @Schema(required = true, minimum = "0", description = "Users whose first attributed purchase fell on the"
                    + " day") long newBuyers,
            @Schema(required = true, minimum = "0", description = "The day's purchase values") double revenue,
            @Schema(required = true, description = "The day's clicks per impression") Estimate ctr,
            @Schema(required = true, description = "Buyers per user counted up to and including the day: the CVR as"
                    + " it stood then") Estimate cumulativeCvr) {
    }

    /**
     * A rate with its confidence interval; all null when there is no denominator yet.
     *
     * @param value the estimate
     * @param low the interval's lower bound
     * @param high the interval's upper bound
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Estimate", description = "A rate with its confidence interval: ctr is clicks per impression, cvr"
            + " buyers per user, revenuePerUser revenue per user. All null while there is no denominator")
    public record Estimate(@Schema(required = true, nullable = true, examples = "0.041") Double value,
            @Schema(required = true, nullable = true, examples = "0.037") Double low,
            @Schema(required = true, nullable = true, examples = "0.045") Double high) {
        static final Estimate NONE = new Estimate(null, null, null);
    }

    /**
     * Two-sided p-values of the difference to the control; null where a test is undefined (no data, or no variance).
     *
     * @param ctrPValue two-proportion z-test (pooled) on clicks per impression
     * @param cvrPValue two-proportion z-test (pooled) on buyers per user
     * @param revenuePerUserPValue Welch's test (normal approximation) on revenue per user
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "Comparison", nullable = true, description = "Two-sided p-values of the difference to the control;"
            + " null for the control itself. A p-value is null where its test is undefined (no data, or no variance)")
    public record Comparison(
            @Schema(required = true, nullable = true, description = "Two-proportion z-test (pooled) on clicks per"
                    + " impression", examples = "0.012") Double ctrPValue,
            @Schema(required = true, nullable = true, description = "Two-proportion z-test (pooled) on buyers per"
                    + " user", examples = "0.3") Double cvrPValue,
            @Schema(required = true, nullable = true, description = "Welch's test (normal approximation) on revenue"
                    + " per user", examples = "0.41") Double revenuePerUserPValue) {
    }

    /**
     * The sample-ratio-mismatch check: a chi-square goodness-of-fit test of the users per variant against the weights.
     * A mismatch means the assignment or the event collection is broken, and the other numbers cannot be trusted.
     *
     * @param chiSquare the statistic; null without users
     * @param pValue its p-value; null without users
     * @param threshold p-values below it flag a mismatch
     * @param mismatch whether the split is implausible under the weights
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "SampleRatio", description = "The sample-ratio-mismatch check: a chi-square goodness-of-fit test of"
            + " the users per variant against the weights. A mismatch means the assignment or the event collection is"
            + " broken, and the other numbers cannot be trusted")
    public record SampleRatio(
            @Schema(required = true, nullable = true, description = "The statistic; null without users",
                    examples = "0.8") Double chiSquare,
            @Schema(required = true, nullable = true, description = "Its p-value; null without users",
                    examples = "0.37") Double pValue,
            @Schema(required = true, description = "p-values below it flag a mismatch",
                    examples = "0.001") double threshold,
            @Schema(required = true,
                    description = "Whether the split is implausible under the weights") boolean mismatch) {
    }
}
