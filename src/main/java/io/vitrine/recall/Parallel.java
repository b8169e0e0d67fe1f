package io.vitrine.recall;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs independent per-row work on a few threads. Rows are handed out in small chunks from a shared counter, so a
 * worker that hits heavy rows does not hold the others up; each row's result depends only on its inputs, so the outcome
 * does not depend on the number of threads.
 */
final class Parallel implements AutoCloseable {
    /** Processes rows {@code [from, to)} with a worker's own scratch state. */
    interface RangeTask {
        void run(int from, int to);
    }

    private static final int CHUNK = 64;

    private final int threads;
    private final ExecutorService pool;

    Parallel(int threads) {
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "vitrine-recall");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Calls a task made by {@code perWorker} (once per thread, for its scratch state) on chunks of {@code [0, rows)}.
     */
    void forEachChunk(int rows, IntFunction<RangeTask> perWorker) {
        if (pool == null || rows <= CHUNK) {
            perWorker.apply(0).run(0, rows);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int w = 0; w < threads; w++) {
            RangeTask task = perWorker.apply(w);
            futures.add(pool.submit(() -> {
                for (int from = next.getAndAdd(CHUNK); from < rows; from = next.getAndAdd(CHUNK)) {
                    task.run(from, Math.min(rows, from + CHUNK));
                }
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
