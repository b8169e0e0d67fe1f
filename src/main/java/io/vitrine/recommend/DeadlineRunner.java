package io.vitrine.recommend;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.vitrine.port.StoreUnavailableException;

/**
 * Runs work on an executor and waits for it until a deadline: a slow store must not make the client wait longer than
 * the request timeout. Work that overruns is abandoned (its store calls end at their own timeout), and work that only
 * gets a thread after its deadline is not started at all, so an overloaded instance drains its queue instead of
 * computing answers nobody waits for. Missing the deadline is reported as {@link StoreUnavailableException}, which the
 * caller answers from its fallback; any other failure of the work is rethrown as it is.
 */
final class DeadlineRunner {
    private final Executor executor;
    private final Duration timeout;

    /** @param timeout the request timeout, for messages */
    DeadlineRunner(Executor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    /** Runs {@code work} by {@code deadline} ({@link System#nanoTime()}). */
    <T> T run(long deadline, Supplier<T> work) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new StoreUnavailableException("the request waited " + timeout
                    + " or longer before it could be served (instance overloaded)", null);
        }
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            if (System.nanoTime() - deadline >= 0) {
                throw new StoreUnavailableException("abandoned: the request had already been answered", null);
            }
            return work.get();
        }, executor);
        try {
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreUnavailableException("recommend exceeded its deadline of " + timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }
}
