package io.vitrine.rank;

import java.util.Arrays;
import java.util.List;

/**
 * The feature vectors of one request's candidates as one row-major array of floats, reused from request to request on a
 * thread ({@link #forThread}) so that ranking 500 candidates allocates no vector. Floats lose nothing the trees see:
 * XGBoost compares every feature as a float.
 */
public final class FeatureMatrix {
    private static final ThreadLocal<FeatureMatrix> PER_THREAD = ThreadLocal
            .withInitial(() -> new FeatureMatrix(RankingFeatures.NAMES.size()));

    private final int width;
    private float[] values = new float[0];
    private int rows;

    public FeatureMatrix(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1");
        }
        this.width = width;
    }

    /** This thread's matrix of {@link RankingFeatures#NAMES} wide rows, emptied to {@code rows} rows. */
    public static FeatureMatrix forThread(int rows) {
        return PER_THREAD.get().reset(rows);
    }

    /** The rows of {@code vectors}, each cast to float. */
    public static FeatureMatrix of(List<double[]> vectors, int width) {
        FeatureMatrix m = new FeatureMatrix(width).reset(vectors.size());
        for (int r = 0; r < vectors.size(); r++) {
            double[] v = vectors.get(r);
            if (v.length != width) {
                throw new IllegalArgumentException("vector " + r + " has " + v.length + " values, not " + width);
            }
            for (int f = 0; f < width; f++) {
                m.values[r * width + f] = (float) v[f];
            }
        }
        return m;
    }

    /** Makes room for {@code rows} rows (their values are what the caller writes next). */
    public FeatureMatrix reset(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative");
        }
        long needed = (long) rows * width;
        if (values.length < needed) {
            values = new float[Math.toIntExact(Math.max(needed, values.length * 2L))];
        }
        this.rows = rows;
        return this;
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** The values, row {@code r} at {@code [r * width, (r + 1) * width)}; longer than {@code rows * width}. */
    public float[] values() {
        return values;
    }

    /** One row, as doubles. */
    public double[] row(int r) {
        if (r < 0 || r >= rows) {
            throw new IndexOutOfBoundsException(r);
        }
        double[] row = new double[width];
        for (int f = 0; f < width; f++) {
            row[f] = values[r * width + f];
        }
        return row;
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " x " + width + "]" + (rows == 0 ? "" : " first " + Arrays.toString(row(0)));
    }
}
