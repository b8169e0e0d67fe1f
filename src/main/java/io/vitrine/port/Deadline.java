package io.vitrine.port;

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
    /** Set when {@link #remaining} gave a store call less than its own cap: then a timeout of it is the budget's. */
    private static final ThreadLocal<Boolean> CUT = new ThreadLocal<>();

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
        Boolean outerCut = CUT.get();
        CUT.remove();
        try {
            T result = work.get();
            if (System.nanoTime() - deadline > 0) {
                throw new StoreUnavailableException("stage " + stage + " exceeded its budget of " + budget, null);
            }
            return result;
        } catch (StoreUnavailableException e) {
            // A store call that was given only what was left of the budget may time out a hair before the deadline.
            if (System.nanoTime() - deadline > 0 || Boolean.TRUE.equals(CUT.get())) {
                throw new StoreUnavailableException("stage " + stage + " exceeded its budget of " + budget, e);
            }
            throw e;
        } finally {
            if (outer == null) {
                DEADLINE_NANOS.remove();
            } else {
                DEADLINE_NANOS.set(outer);
            }
            if (outerCut == null) {
                CUT.remove();
            } else {
                CUT.set(outerCut);
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
        if (left < cap.toNanos()) {
            CUT.set(Boolean.TRUE);
            return Duration.ofNanos(left);
        }
        return cap;
    }
}
