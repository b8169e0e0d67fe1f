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
import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.rank.RankingFeatures;
import io.vitrine.train.RankerBoosters;
import io.vitrine.train.TrainerParameters;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.TrackerConf;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import scala.Tuple2;

/**
 * Trains the ranker with xgboost4j-spark (distributed over {@code workers} Spark tasks, joined by the Rabit tracker)
 * exactly as {@link io.vitrine.train.RankerTrainer} trains it in one JVM: the same objective, parameters, histogram
 * splits and feature numbering ({@link RankerBoosters}), and the same wrapping of the booster as a Tribuo model, so the
 * bundle's {@code model.tribuo} and {@code trees.bin} are those of a single-JVM run.
 */
final class SparkRanker {
    static final StructType SCHEMA = new StructType().add("label", DataTypes.DoubleType)
            .add("features", new VectorUDT());

    private SparkRanker() {
    }

    /**
     * @param examples rows with {@code engaged} (boolean) and {@code features} (doubles in
     *            {@link RankingFeatures#NAMES} order)
     */
    static Model<Label> train(Dataset<Row> examples, TrainerParameters parameters, int workers) {
        int[] ids = RankerBoosters.featureIndexes();
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
        Map<String, Object> params = new HashMap<>(RankerBoosters.parameters(parameters));
        params.put("num_round", parameters.trees());
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
        try {
            Booster booster = XGBoost.loadModel(fitted.nativeBooster().toByteArray());
            try {
                return RankerBoosters.asTribuo(booster);
            } finally {
                booster.dispose();
            }
        } catch (XGBoostError | java.io.IOException e) {
            throw new IllegalStateException("cannot read the trained booster: " + e.getMessage(), e);
        }
    }
}
