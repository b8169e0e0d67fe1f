package io.vitrine.train;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationConverter;
import org.tribuo.common.xgboost.XGBoostExternalModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.protos.XGBoostExternalModelProto;
import org.tribuo.common.xgboost.protos.XGBoostModelProto;
import org.tribuo.protos.core.ModelProto;

import com.google.protobuf.Any;

import io.vitrine.rank.RankingFeatures;
import io.vitrine.rank.TreeEnsemble;
import io.vitrine.rank.TribuoRanker;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The ranker's XGBoost booster, shared by the single-JVM trainer ({@link RankerTrainer}) and the Spark trainer: its
 * training parameters, the numbering of its features, and its wrapping as a Tribuo model.
 *
 * <p>
 * The objective is {@code binary:logistic} ({@link #OBJECTIVE}): one tree per boosting round, where Tribuo's own
 * XGBoost classifier trains {@code multi:softprob} with two trees per round (one per label) for the same probability,
 * which doubles the trees every request walks. The booster is trained through the xgboost4j that Tribuo brings and
 * wrapped with Tribuo's external-model support ({@link XGBoostExternalModel}, which records the feature and label
 * mappings), then stored as Tribuo's own {@link XGBoostModel} so that the bundle's {@code model.tribuo} is the model
 * class it always was.
 */
public final class RankerBoosters {
    /** The ranker's objective, which the trees file of the bundle names too. */
    public static final TreeEnsemble.Objective OBJECTIVE = TreeEnsemble.Objective.BINARY_LOGISTIC;

    private RankerBoosters() {
    }

    /**
     * XGBoost's parameters for these trainer parameters: histogram splits, silent, on {@code threads} threads (the
     * Spark trainer replaces the thread count by its workers).
     */
    public static Map<String, Object> parameters(TrainerParameters parameters) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", OBJECTIVE.xgboostName);
        params.put("booster", "gbtree");
        // Histogram splits: an order of magnitude faster than exact splits at hundreds of thousands of examples.
        params.put("tree_method", "hist");
        params.put("eta", parameters.eta());
        params.put("gamma", 0.0);
        params.put("max_depth", parameters.maxDepth());
        params.put("min_child_weight", parameters.minChildWeight());
        params.put("subsample", parameters.subsample());
        params.put("colsample_bytree", parameters.featureSubsample());
        params.put("lambda", parameters.lambda());
        params.put("alpha", parameters.alpha());
        params.put("nthread", parameters.threads());
        params.put("seed", parameters.seed());
        params.put("verbosity", 0);
        return params;
    }

    /**
     * The booster's feature index of each ranking feature, by position in {@link RankingFeatures#NAMES}: Tribuo's
     * feature id, so that the wrapped model maps Tribuo examples onto the booster's columns.
     */
    public static int[] featureIndexes() {
        MutableFeatureMap m = new MutableFeatureMap();
        for (String name : RankingFeatures.NAMES) {
            m.add(name, 1.0);
        }
        ImmutableFeatureMap ids = new ImmutableFeatureMap(m);
        int[] out = new int[RankingFeatures.NAMES.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getID(RankingFeatures.NAMES.get(i));
        }
        return out;
    }

    /**
     * A booster trained with {@link #parameters} on columns numbered by {@link #featureIndexes()} (label 1 engaged), as
     * Tribuo's XGBoost model whose predictions score {@link TribuoRanker#POSITIVE} with the booster's probability.
     *
     * @throws IllegalStateException when xgboost4j cannot copy the booster
     */
    public static Model<Label> asTribuo(Booster booster) {
        int[] indexes = featureIndexes();
        Map<String, Integer> features = new HashMap<>();
        for (int i = 0; i < indexes.length; i++) {
            features.put(RankingFeatures.NAMES.get(i), indexes[i]);
        }
        // Tribuo's classification converter names output column i after label id i. The booster has one column, the
        // probability of engaged, so engaged is id 0; ignored (id 1) has no column, and a prediction scores engaged
        // only, which is the score TribuoRanker reads. (A converter of our own would name both, but Tribuo finds a
        // converter by Class.forName from its own class loader, which cannot see application classes under Quarkus's
        // test and dev class loaders.)
        Map<Label, Integer> labels = Map.of(new Label(TribuoRanker.POSITIVE), 0, new Label(TribuoRanker.NEGATIVE), 1);
        try {
            // The external model keeps the booster; a copy leaves the caller's to dispose of.
            Booster copy = XGBoost.loadModel(booster.toByteArray());
            XGBoostExternalModel<Label> external = XGBoostExternalModel.createXGBoostModel(new LabelFactory(),
                    features, labels, new XGBoostClassificationConverter(), copy, Map.of());
            XGBoostExternalModelProto ext = external.serialize()
                    .getSerializedData()
                    .unpack(XGBoostExternalModelProto.class);
            for (int id = 0; id < ext.getForwardFeatureMappingCount(); id++) {
                // The external model maps a Tribuo id to a booster column; here that map must be the identity.
                if (ext.getForwardFeatureMapping(id) != id) {
                    throw new IllegalStateException("XGBoost feature index and Tribuo feature id differ at " + id);
                }
            }
            XGBoostModelProto own = XGBoostModelProto.newBuilder()
                    .setMetadata(ext.getMetadata())
                    .setConverter(ext.getConverter())
                    .addModels(ext.getModel())
                    .build();
            ModelProto model = ModelProto.newBuilder()
                    .setVersion(XGBoostModel.CURRENT_VERSION)
                    .setClassName(XGBoostModel.class.getName())
                    .setSerializedData(Any.pack(own))
                    .build();
            copy.dispose();
            return Model.deserialize(model).castModel(Label.class);
        } catch (XGBoostError | IOException e) {
            throw new IllegalStateException("cannot wrap the trained booster as a Tribuo model: " + e.getMessage(), e);
        }
    }
}
