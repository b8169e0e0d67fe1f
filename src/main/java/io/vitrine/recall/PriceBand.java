package io.vitrine.recall;

/**
 * The prices a user buys at.
 *
 * @param low lowest price in the band
 * @param high highest price in the band
 */
public record PriceBand(double low, double high) {
    /** No constraint (a user without purchases). */
    public static final PriceBand ANY = new PriceBand(0, Double.MAX_VALUE);

    /** Mean ± max(1.5 standard deviations, 30% of the mean); {@link #ANY} without purchases. */
    public static PriceBand of(long purchases, double mean, double std) {
        if (purchases == 0 || mean <= 0) {
            return ANY;
        }
        double half = Math.max(1.5 * std, 0.3 * mean);
        return new PriceBand(Math.max(0, mean - half), mean + half);
    }

    /** Whether a price is inside; unknown prices are. */
    public boolean contains(Double price) {
        return price == null || (price >= low && price <= high);
    }
}
