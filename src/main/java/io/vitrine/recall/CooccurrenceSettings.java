package io.vitrine.recall;

import java.time.Duration;

/**
 * Parameters of the co-occurrence neighbour table ({@link CooccurrenceBuilder}).
 *
 * @param historySize how many distinct items are remembered per user (the most recently used ones); bounds memory and
 *            the work per interaction; 2 to 1024
 * @param window two interactions co-occur only if the earlier item was last used at most this long before the later
 *            interaction; {@code null} for no limit
 * @param topK neighbours kept per item
 * @param minSupport a pair needs at least this many users who interacted with both items (within the window)
 * @param shrink shrinkage constant λ in {@code c / (c + λ)}, in units of co-occurrence weight; 0 disables it
 */
public record CooccurrenceSettings(int historySize, Duration window, int topK, int minSupport, double shrink) {
    /** Largest supported {@link #historySize()}: the per-user state grows with its square. */
    public static final int MAX_HISTORY_SIZE = 1024;

    /** History 50, window 30 days, top 50, support 2, shrink 10. */
    public static CooccurrenceSettings defaults() {
        return new CooccurrenceSettings(50, Duration.ofDays(30), 50, 2, 10);
    }

    public CooccurrenceSettings {
        if (historySize < 2 || historySize > MAX_HISTORY_SIZE) {
            throw new IllegalArgumentException("historySize must be between 2 and " + MAX_HISTORY_SIZE);
        }
        if (window != null && (window.isNegative() || window.isZero())) {
            throw new IllegalArgumentException("window must be positive (or null for none)");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1");
        }
        if (minSupport < 1) {
            throw new IllegalArgumentException("minSupport must be at least 1");
        }
        if (!(shrink >= 0) || Double.isInfinite(shrink)) {
            throw new IllegalArgumentException("shrink must be finite and at least 0");
        }
    }

    public CooccurrenceSettings withHistorySize(int value) {
        return new CooccurrenceSettings(value, window, topK, minSupport, shrink);
    }

    /** @param value the window, or {@code null} for none */
    public CooccurrenceSettings withWindow(Duration value) {
        return new CooccurrenceSettings(historySize, value, topK, minSupport, shrink);
    }

    public CooccurrenceSettings withTopK(int value) {
        return new CooccurrenceSettings(historySize, window, value, minSupport, shrink);
    }

    public CooccurrenceSettings withMinSupport(int value) {
        return new CooccurrenceSettings(historySize, window, topK, value, shrink);
    }

    public CooccurrenceSettings withShrink(double value) {
        return new CooccurrenceSettings(historySize, window, topK, minSupport, value);
    }

    /** The window in milliseconds, {@link Long#MAX_VALUE} when there is none. */
    long windowMillis() {
        return window == null ? Long.MAX_VALUE : window.toMillis();
    }
}
