package io.vitrine.recommend;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A warning that repeats at most once per interval, saying how many occurrences it stood for. Under overload or an
 * outage every request hits the same condition; a line per request would add log I/O to an instance that is already
 * behind and bury the first, informative line.
 */
final class ThrottledWarning {
    private final System.Logger log;
    private final String message;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextAt;
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledWarning(System.Logger log, String message, Duration interval) {
        this(log, message, interval, System::nanoTime);
    }

    ThrottledWarning(System.Logger log, String message, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.message = message;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAt = new AtomicLong(nanoTime.getAsLong());
    }

    /** Logs {@code detail} unless a warning was logged less than an interval ago; then only counts it. */
    void warn(String detail) {
        long now = nanoTime.getAsLong();
        long due = nextAt.get();
        if (now - due >= 0 && nextAt.compareAndSet(due, now + intervalNanos)) {
            long others = suppressed.getAndSet(0);
            log.log(Level.WARNING, others == 0 ? "{0}: {1}" : "{0}: {1} (and {2} more since the last warning)",
                    message, detail, others);
        } else {
            suppressed.incrementAndGet();
        }
    }
}
