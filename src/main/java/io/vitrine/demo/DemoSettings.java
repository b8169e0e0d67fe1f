package io.vitrine.demo;

import java.time.Instant;

/**
 * The size and randomness of a demo marketplace.
 *
 * @param users number of users
 * @param items number of items
 * @param days days of history, ending at {@code end}
 * @param seed random seed: the same settings give the same data
 * @param end the end of the history (exclusive)
 */
public record DemoSettings(int users, int items, int days, long seed, Instant end) {
    public DemoSettings {
        if (users < 1 || items < 8 || days < 1) {
            throw new IllegalArgumentException("need at least 1 user, 8 items and 1 day");
        }
    }

    public Instant start() {
        return end.minusSeconds(86_400L * days);
    }
}
