package io.vitrine.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
import com.google.protobuf.InvalidProtocolBufferException;

import io.vitrine.rank.RankingFeatures;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.train.TrainerParameters;

import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.TrackerConf;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import scala.Tuple2;

/**
 * Trains the ranker with xgboost4j-spark (distributed over {@code workers} Spark tasks, joined by the Rabit tracker)
 * exactly as {@link io.vitrine.train.RankerTrainer} trains it with Tribuo: the same objective ({@code multi:softprob}
 * over the two labels, which is what Tribuo trains), parameters, histogram splits, and feature numbering (XGBoost's
 * feature index is Tribuo's feature id). The booster is wrapped as a Tribuo model through Tribuo's external-model
 * support ({@link XGBoostExternalModel}, which records the feature and label mappings) and then stored as Tribuo's own
 * {@link XGBoostModel} proto, so the bundle's {@code model.tribuo} and {@code trees.bin} are those of a single-JVM run.
 */
final class SparkRanker {
    static final StructType SCHEMA = new StructType().add("label", DataTypes.DoubleType)
            .add("features", new VectorUDT());

    private SparkRanker() {
    }

    /** Tribuo's feature id of each ranking feature, by position in {@link RankingFeatures#NAMES}. */
    static int[] tribuoIds() {
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
     * @param examples rows with {@code engaged} (boolean) and {@code features} (doubles in
     *            {@link RankingFeatures#NAMES} order)
     */
    static Model<Label> train(Dataset<Row> examples, TrainerParameters parameters, int workers) {
        int[] ids = tribuoIds();
        MapFunction<Row, Row> toPoint = r -> {
            List<Double> v = r.getList(r.fieldIndex("features"));
            double[] byId = new double[ids.length];
            for (int i = 0; i < ids.length; i++) {
                byId[ids[i]] = v.get(i);
            }
            boolean engaged = r.getBoolean(r.fieldIndex("engaged"));
            return RowFactory.create(engaged ? 1.0 : 0.0, Vectors.dense(byId));
        };
        Dataset<Row> points = examples.map(toPoint, Encoders.row(SCHEMA));
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "multi:softprob");
        params.put("num_class", 2);
        params.put("booster", "gbtree");
        params.put("tree_method", "hist");
        params.put("num_round", parameters.trees());
        params.put("eta", parameters.eta());
        params.put("gamma", 0.0);
        params.put("max_depth", parameters.maxDepth());
        params.put("min_child_weight", parameters.minChildWeight());
        params.put("subsample", parameters.subsample());
        params.put("colsample_bytree", parameters.featureSubsample());
        params.put("lambda", parameters.lambda());
        params.put("alpha", parameters.alpha());
        params.put("seed", parameters.seed());
        params.put("verbosity", 0);
        params.put("missing", Float.NaN);
        params.put("num_workers", workers);
        params.put("nthread", 1);
        // The JVM (Akka) tracker: no Python needed on the driver.
        params.put("tracker_conf", TrackerConf.apply(0L, "scala", TrackerConf.apply$default$3(),
                TrackerConf.apply$default$4()));
        scala.collection.immutable.Map<String, Object> scalaParams = scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            scalaParams = scalaParams.$plus(new Tuple2<>(e.getKey(), e.getValue()));
        }
        XGBoostClassifier classifier = new XGBoostClassifier(scalaParams);
        classifier.setFeaturesCol("features");
        classifier.setLabelCol("label");
        XGBoostClassificationModel fitted = classifier.fit(points);
        byte[] booster;
        try {
            booster = fitted.nativeBooster().toByteArray();
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot read the trained booster: " + e.getMessage(), e);
        }
        return asTribuo(booster, ids);
    }

    /** The booster (xgboost4j's binary model) as Tribuo's XGBoost classification model. */
    static Model<Label> asTribuo(byte[] booster, int[] ids) {
        try {
            Map<String, Integer> features = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                features.put(RankingFeatures.NAMES.get(i), ids[i]);
            }
            Map<Label, Integer> labels = Map.of(new Label(TribuoRanker.NEGATIVE), 0, new Label(TribuoRanker.POSITIVE),
                    1);
            XGBoostExternalModel<Label> external = XGBoostExternalModel.createXGBoostModel(new LabelFactory(),
                    features, labels, new XGBoostClassificationConverter(), XGBoost.loadModel(booster), Map.of());
            ModelProto proto = external.serialize();
            XGBoostExternalModelProto ext = proto.getSerializedData().unpack(XGBoostExternalModelProto.class);
            for (int id = 0; id < ext.getForwardFeatureMappingCount(); id++) {
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
            return Model.deserialize(model).castModel(Label.class);
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalStateException("cannot wrap the trained booster as a Tribuo model: " + e.getMessage(), e);
        }
    }
}
