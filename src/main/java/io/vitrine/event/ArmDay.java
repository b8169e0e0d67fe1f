package io.vitrine.event;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the events attributed to one experiment arm add up to on one UTC day (the day of each event's timestamp), so a
 * report can show the trend. Counted in the same atomic step as {@link ArmTotals}, so retried events count once here
 * too.
 *
 * @param day the UTC day of the events' timestamps
 * @param newUsers users whose first attributed event fell on this day (summed over the days, the arm's users)
 * @param impressions impression events
 * @param clicks click events
 * @param addToCarts add-to-cart events
 * @param purchases purchase events
 * @param newBuyers users whose first attributed purchase fell on this day (summed, the arm's buyers)
 * @param revenue the sum of the day's purchase values
 */
public record ArmDay(LocalDate day, long newUsers, long impressions, long clicks, long addToCarts, long purchases,
        long newBuyers, double revenue) {

    public ArmDay {
        Objects.requireNonNull(day, "day");
    }
}
