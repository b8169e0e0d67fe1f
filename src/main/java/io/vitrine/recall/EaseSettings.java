package io.vitrine.recall;

/**
 * Parameters of the EASE neighbour table ({@link Ease}).
 *
 * @param lambda λ, the L2 regularization added to the diagonal of the item Gram matrix; greater than 0
 * @param maxItems the most items the model is built over: when the data has more, only the {@code maxItems} items with
 *            the most users take part (the others get no list and are no neighbour). The cost is a dense
 *            {@code maxItems²} matrix of doubles (twice, during the inversion) and {@code maxItems³ / 3} multiply-adds;
 *            0 disables the table
 * @param neighbours neighbours kept per item (the largest positive weights); at least 1
 */
public record EaseSettings(double lambda, int maxItems, int neighbours) {
    /** λ 250, up to 3,000 items (about 140 MB of matrices and a few seconds), 100 neighbours. */
    public static EaseSettings defaults() {
        return new EaseSettings(250, 3_000, 100);
    }

    public EaseSettings {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and greater than 0");
        }
        if (maxItems < 0) {
            throw new IllegalArgumentException("maxItems must be at least 0");
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be at least 1");
        }
    }

    public EaseSettings withLambda(double value) {
        return new EaseSettings(value, maxItems, neighbours);
    }

    public EaseSettings withMaxItems(int value) {
        return new EaseSettings(lambda, value, neighbours);
    }

    public EaseSettings withNeighbours(int value) {
        return new EaseSettings(lambda, maxItems, value);
    }
}
