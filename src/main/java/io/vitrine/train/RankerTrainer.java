package io.vitrine.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains the ranker: an XGBoost {@code binary:logistic} booster ({@link RankerBoosters#OBJECTIVE}) on engaged / ignored
 * examples, through the xgboost4j that Tribuo brings, as a Tribuo model ({@link RankerBoosters}).
 */
public final class RankerTrainer {
    private final TrainerParameters parameters;

    public RankerTrainer(TrainerParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * Trains on the examples.
     *
     * @throws IllegalArgumentException when the examples do not contain both labels
     */
    public Model<Label> train(List<TrainingExample> examples) {
        long positives = examples.stream().filter(TrainingExample::engaged).count();
        if (positives == 0 || positives == examples.size()) {
            throw new IllegalArgumentException("training needs engaged and ignored examples; got " + positives
                    + " engaged of " + examples.size());
        }
        // A dense float matrix in the booster's column order; zeros are values, NaN is missing (as Tribuo passes them).
        int[] column = RankerBoosters.featureIndexes();
        int width = column.length;
        float[] data = new float[Math.multiplyExact(examples.size(), width)];
        float[] labels = new float[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            TrainingExample e = examples.get(i);
            double[] features = e.features();
            for (int f = 0; f < width; f++) {
                data[i * width + column[f]] = (float) features[f];
            }
            labels[i] = e.engaged() ? 1 : 0;
        }
        DMatrix matrix = null;
        Booster booster = null;
        try {
            matrix = new DMatrix(data, examples.size(), width, Float.NaN);
            matrix.setLabel(labels);
            booster = XGBoost.train(matrix, RankerBoosters.parameters(parameters), parameters.trees(), Map.of(), null,
                    null);
            return RankerBoosters.asTribuo(booster);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (booster != null) {
                booster.dispose();
            }
            if (matrix != null) {
                matrix.dispose();
            }
        }
    }

    /** Gain-based importance per feature, largest first. */
    public static Map<String, Double> featureImportance(Model<Label> model) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (model instanceof XGBoostModel<Label> xgb && !xgb.getFeatureImportance().isEmpty()) {
            xgb.getFeatureImportance().get(0).getGain().forEach(out::put);
        }
        return out;
    }
}
