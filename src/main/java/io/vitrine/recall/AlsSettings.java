package io.vitrine.recall;

/**
 * Parameters of implicit-feedback ALS ({@link ImplicitAls}).
 *
 * @param factors dimension of the user and item vectors; 1 to 1024
 * @param iterations alternations (users, then items); at least 1
 * @param regularization λ, the weight of the squared norms of all vectors; greater than 0 (it also keeps every system
 *            positive definite)
 * @param alpha confidence slope: an entry with weight r has confidence {@code 1 + alpha × r}; at least 0
 * @param seed seed of the initial item vectors; the same seed and data give the same result on any number of threads
 * @param threads worker threads for the per-user and per-item solves; at least 1
 */
public record AlsSettings(int factors, int iterations, double regularization, double alpha, long seed, int threads) {
    /** Largest supported {@link #factors()}. */
    public static final int MAX_FACTORS = 1024;

    /** 32 factors, 10 iterations, λ 0.05, α 20, seed 42, one thread per available processor. */
    public static AlsSettings defaults() {
        return new AlsSettings(32, 10, 0.05, 20, 42, Runtime.getRuntime().availableProcessors());
    }

    public AlsSettings {
        if (factors < 1 || factors > MAX_FACTORS) {
            throw new IllegalArgumentException("factors must be between 1 and " + MAX_FACTORS);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1");
        }
        if (!(regularization > 0) || Double.isInfinite(regularization)) {
            throw new IllegalArgumentException("regularization must be finite and greater than 0");
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and at least 0");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    public AlsSettings withFactors(int value) {
        return new AlsSettings(value, iterations, regularization, alpha, seed, threads);
    }

    public AlsSettings withIterations(int value) {
        return new AlsSettings(factors, value, regularization, alpha, seed, threads);
    }

    public AlsSettings withRegularization(double value) {
        return new AlsSettings(factors, iterations, value, alpha, seed, threads);
    }

    public AlsSettings withAlpha(double value) {
        return new AlsSettings(factors, iterations, regularization, value, seed, threads);
    }

    public AlsSettings withSeed(long value) {
        return new AlsSettings(factors, iterations, regularization, alpha, value, threads);
    }

    public AlsSettings withThreads(int value) {
        return new AlsSettings(factors, iterations, regularization, alpha, seed, value);
    }
}
