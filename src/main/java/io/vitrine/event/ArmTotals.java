package io.vitrine.event;

/**
 * What the events attributed to one experiment arm add up to.
 *
 * @param users distinct users with at least one attributed event
 * @param impressions impression events
 * @param clicks click events
 * @param addToCarts add-to-cart events
 * @param purchases purchase events
 * @param buyers distinct users with at least one attributed purchase
 * @param revenue the sum of the purchase values
 * @param revenueSquares the sum over users of the square of each user's revenue (for the variance of revenue per user)
 */
public record ArmTotals(long users, long impressions, long clicks, long addToCarts, long purchases, long buyers,
        double revenue, double revenueSquares) {

    /** An arm nothing was attributed to. */
    public static final ArmTotals EMPTY = new ArmTotals(0, 0, 0, 0, 0, 0, 0, 0);
}
