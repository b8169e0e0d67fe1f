package io.vitrine.train;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import io.vitrine.rank.TribuoRanker;

/** Trains the ranker: Tribuo's XGBoost classifier on engaged / ignored examples. */
public final class RankerTrainer {
    private static final Label ENGAGED = new Label(TribuoRanker.POSITIVE);
    private static final Label IGNORED = new Label(TribuoRanker.NEGATIVE);

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
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("vitrine-examples", OffsetDateTime.now(), new LabelFactory()),
                new LabelFactory());
        for (TrainingExample e : examples) {
            dataset.add(TribuoRanker.example(e.features(), e.engaged() ? ENGAGED : IGNORED));
        }
        // Histogram splits: an order of magnitude faster than exact splits at hundreds of thousands of examples.
        XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                XGBoostTrainer.TreeMethod.HIST, parameters.trees(), parameters.eta(), 0, parameters.maxDepth(),
                parameters.minChildWeight(), parameters.subsample(), parameters.featureSubsample(),
                parameters.lambda(), parameters.alpha(), parameters.threads(), XGBoostTrainer.LoggingVerbosity.SILENT,
                parameters.seed());
        return trainer.train(dataset);
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
