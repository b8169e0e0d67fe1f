package io.vitrine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.rank.RankingFeatures;
import io.vitrine.rank.TreeEnsemble;
import io.vitrine.rank.TreeEnsembleRanker;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.rank.XGBoostTrees;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * A {@code binary:logistic} booster wrapped as a Tribuo model scores engaged with the booster's own probability, and
 * its trees file scores the same, also with a base score other than XGBoost's default (whose margin is its logit).
 */
class RankerBoostersTest {
    private static final int WIDTH = RankingFeatures.NAMES.size();

    @Test
    void theWrappedModelAndTheTreesFileScoreAsTheBoosterItself() throws Exception {
        Random random = new Random(11);
        int rows = 3000;
        int[] column = RankerBoosters.featureIndexes();
        float[] data = new float[rows * WIDTH];
        float[] labels = new float[rows];
        List<double[]> vectors = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double[] v = new double[WIDTH];
            for (int f = 0; f < WIDTH; f++) {
                v[f] = random.nextDouble() < 0.3 ? 0 : random.nextGaussian();
                data[r * WIDTH + column[f]] = (float) v[f];
            }
            // Engaged depends on three features, so the trees have something to learn.
            labels[r] = v[0] + 0.5 * v[5] - v[20] + random.nextGaussian() > 0.8 ? 1 : 0;
            vectors.add(v);
        }
        DMatrix matrix = new DMatrix(data, rows, WIDTH, Float.NaN);
        matrix.setLabel(labels);
        Map<String, Object> params = new HashMap<>(RankerBoosters.parameters(TrainerParameters.defaults()
                .withTrees(30)));
        params.put("base_score", 0.3);
        Booster booster = XGBoost.train(matrix, params, 30, Map.of(), null, null);
        float[][] own = booster.predict(matrix);

        Model<Label> model = RankerBoosters.asTribuo(booster);
        TreeEnsemble trees = XGBoostTrees.of(model);
        double[] tribuo = new TribuoRanker(model).score(vectors);
        double[] java = TreeEnsembleRanker.of(trees).score(vectors);

        assertThat(trees.objective()).isEqualTo(TreeEnsemble.Objective.BINARY_LOGISTIC);
        assertThat(trees.trees()).hasSize(30);
        assertThat(trees.baseScore()).isCloseTo((float) Math.log(0.3 / 0.7), within(1e-6f));
        long engaged = 0;
        for (int r = 0; r < rows; r++) {
            assertThat(own[r]).hasSize(1);
            assertThat(tribuo[r]).as("Tribuo, row %d", r).isCloseTo(own[r][0], within(1e-6));
            assertThat(java[r]).as("trees file, row %d", r).isCloseTo(own[r][0], within(1e-6));
            engaged += own[r][0] > 0.5 == (labels[r] == 1) ? 1 : 0;
        }
        // The probability is of engaged, not of ignored: it agrees with the labels far more often than not.
        assertThat(engaged).isGreaterThan(rows * 7 / 10);
        booster.dispose();
        matrix.dispose();
    }
}
