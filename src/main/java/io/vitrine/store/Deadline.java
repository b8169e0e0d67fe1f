package io.vitrine.store;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The time budget of the work running on this thread: a stage of a request sets it, and every store call inside waits
 * at most until it (Redis round trips cap their own timeout with {@link #remaining}). Budgets nest: an inner budget
 * never extends an outer one. A stage that overruns its budget fails with {@link StoreUnavailableException}, also when
 * its store calls did not notice, so a slow stage cannot eat the time of the stages after it.
 */
public final class Deadline {
    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    private Deadline() {
    }

    /**
     * Runs {@code work} within {@code budget}.
     *
     * @param stage names the stage in the error
     * @throws StoreUnavailableException when the budget is exceeded
     */
    public static <T> T within(String stage, Duration budget, Supplier<T> work) {
        Long outer = DEADLINE_NANOS.get();
        long start = System.nanoTime();
        long own = start + budget.toNanos();
        long deadline = outer == null ? own : Math.min(outer, own);
        DEADLINE_NANOS.set(deadline);
        try {
            T result = work.get();
            if (System.nanoTime() - deadline > 0) {
                throw new StoreUnavailableException("stage " + stage + " exceeded its budget of " + budget, null);
            }
            return result;
        } catch (StoreUnavailableException e) {
            if (System.nanoTime() - deadline > 0) {
                throw new StoreUnavailableException("stage " + stage + " exceeded its budget of " + budget, e);
            }
            throw e;
        } finally {
            if (outer == null) {
                DEADLINE_NANOS.remove();
            } else {
                DEADLINE_NANOS.set(outer);
            }
        }
    }

    /**
     * How long a store call may wait: {@code cap}, or less when the current budget ends sooner.
     *
     * @throws StoreUnavailableException when the budget has already run out
     */
    public static Duration remaining(Duration cap) {
        Long deadline = DEADLINE_NANOS.get();
        if (deadline == null) {
            return cap;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new StoreUnavailableException("the stage's time budget ran out before a store call", null);
        }
        return left < cap.toNanos() ? Duration.ofNanos(left) : cap;
    }
}
