package io.vitrine.rank;

import java.util.ArrayList;
import java.util.List;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * A {@link Ranker} over a Tribuo classification model trained on {@link #POSITIVE} / {@link #NEGATIVE} labels; the
 * score is the predicted probability of {@link #POSITIVE}. Scores whole batches (Tribuo's single-example path creates
 * one XGBoost matrix per call and is far slower).
 */
public final class TribuoRanker implements Ranker {
    /** Label of an engaged example (clicked or better). */
    public static final String POSITIVE = "engaged";
    /** Label of an ignored example. */
    public static final String NEGATIVE = "ignored";
    private static final String[] NAMES = RankingFeatures.NAMES.toArray(String[]::new);
    private static final Label UNKNOWN = new Label(NEGATIVE);

    private final Model<Label> model;

    public TribuoRanker(Model<Label> model) {
        this.model = model;
    }

    public Model<Label> model() {
        return model;
    }

    /** A Tribuo example of a vector, labelled for training or with a placeholder label for prediction. */
    public static ArrayExample<Label> example(double[] vector, Label label) {
        return new ArrayExample<>(label, NAMES, vector);
    }

    @Override
    public double[] score(List<double[]> vectors) {
        if (vectors.isEmpty()) {
            return new double[0];
        }
        List<Example<Label>> examples = new ArrayList<>(vectors.size());
        for (double[] v : vectors) {
            examples.add(example(v, UNKNOWN));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        double[] scores = new double[predictions.size()];
        for (int i = 0; i < scores.length; i++) {
            Label positive = predictions.get(i).getOutputScores().get(POSITIVE);
            scores[i] = positive == null ? 0 : positive.getScore();
        }
        return scores;
    }
}
