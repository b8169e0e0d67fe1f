package io.vitrine.rank;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Scores with the trees of a Tribuo XGBoost model evaluated in plain Java: flattened node arrays, no native call, no
 * matrix per batch. It gives Tribuo's probabilities (proven within 1e-6 by its test) faster, and needs no libxgboost at
 * serve time, which a native image cannot load reliably.
 *
 * <p>
 * Tribuo trains {@code multi:softprob} with two classes, so tree {@code t} adds to the margin of class {@code t mod 2};
 * margins start at the base score 0.5; the probability is the softmax. A split goes to {@code yes} when
 * {@code (float) x < threshold}; Tribuo does not pass zero-valued features to XGBoost, so a zero (like a NaN) takes the
 * {@code missing} branch.
 */
public final class TreeEnsembleRanker implements Ranker {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double BASE_SCORE = 0.5;

    private final Tree[] trees;
    private final int positiveClass;

    private TreeEnsembleRanker(Tree[] trees, int positiveClass) {
        this.trees = trees;
        this.positiveClass = positiveClass;
    }

    /**
     * Flattens the trees of a model trained by {@link io.vitrine.train.RankerTrainer}.
     *
     * @throws IllegalArgumentException when the model is not a binary Tribuo XGBoost model over
     *             {@link RankingFeatures#NAMES}
     */
    public static TreeEnsembleRanker of(Model<Label> model) {
        if (!(model instanceof XGBoostModel<Label> xgb) || xgb.getInnerModels().size() != 1
                || model.getOutputIDInfo().size() != 2) {
            throw new IllegalArgumentException("not a binary Tribuo XGBoost model");
        }
        int positive = model.getOutputIDInfo().getID(new Label(TribuoRanker.POSITIVE));
        if (positive < 0) {
            throw new IllegalArgumentException("the model has no label " + TribuoRanker.POSITIVE);
        }
        // Tribuo feature id -> position in the ranking vector.
        int[] position = new int[model.getFeatureIDMap().size()];
        for (int id = 0; id < position.length; id++) {
            String name = model.getFeatureIDMap().get(id).getName();
            position[id] = RankingFeatures.NAMES.indexOf(name);
            if (position[id] < 0) {
                throw new IllegalArgumentException("the model uses a feature this build does not compute: " + name);
            }
        }
        Booster booster = xgb.getInnerModels().get(0);
        try {
            String[] dumps = booster.getModelDump((String) null, false, "json");
            Tree[] trees = new Tree[dumps.length];
            for (int t = 0; t < dumps.length; t++) {
                trees[t] = Tree.parse(JSON.readTree(dumps[t]), position, t % 2);
            }
            return new TreeEnsembleRanker(trees, positive);
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("cannot read the model's trees: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            booster.dispose();
        }
    }

    /** Tree by tree over the whole batch, so each tree's arrays stay in cache while all vectors pass through it. */
    @Override
    public double[] score(List<double[]> vectors) {
        int n = vectors.size();
        double[] margin0 = new double[n];
        double[] margin1 = new double[n];
        java.util.Arrays.fill(margin0, BASE_SCORE);
        java.util.Arrays.fill(margin1, BASE_SCORE);
        double[][] rows = vectors.toArray(new double[0][]);
        for (Tree tree : trees) {
            double[] margin = tree.outputClass == 0 ? margin0 : margin1;
            for (int i = 0; i < n; i++) {
                margin[i] += tree.leaf(rows[i]);
            }
        }
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = probability(margin0[i], margin1[i]);
        }
        return scores;
    }

    /** The probability of the positive class for one vector. */
    public double score(double[] v) {
        double[] margin = {BASE_SCORE, BASE_SCORE};
        for (Tree tree : trees) {
            margin[tree.outputClass] += tree.leaf(v);
        }
        return probability(margin[0], margin[1]);
    }

    private double probability(double margin0, double margin1) {
        double max = Math.max(margin0, margin1);
        double e0 = Math.exp(margin0 - max);
        double e1 = Math.exp(margin1 - max);
        return (positiveClass == 0 ? e0 : e1) / (e0 + e1);
    }

    /** One tree as arrays indexed by node id. */
    private static final class Tree {
        final int outputClass;
        final int[] feature;
        final float[] threshold;
        final int[] yes;
        final int[] no;
        final int[] missing;
        final float[] leaf;
        final boolean[] isLeaf;

        Tree(int outputClass, int size) {
            this.outputClass = outputClass;
            feature = new int[size];
            threshold = new float[size];
            yes = new int[size];
            no = new int[size];
            missing = new int[size];
            leaf = new float[size];
            isLeaf = new boolean[size];
        }

        float leaf(double[] v) {
            int node = 0;
            while (!isLeaf[node]) {
                double x = v[feature[node]];
                if (Double.isNaN(x)) {
                    node = missing[node];
                } else {
                    node = (float) x < threshold[node] ? yes[node] : no[node];
                }
            }
            return leaf[node];
        }

        static Tree parse(JsonNode root, int[] position, int outputClass) {
            List<JsonNode> nodes = new ArrayList<>();
            collect(root, nodes);
            int size = 0;
            for (JsonNode n : nodes) {
                size = Math.max(size, n.get("nodeid").asInt() + 1);
            }
            Tree tree = new Tree(outputClass, size);
            for (JsonNode n : nodes) {
                int id = n.get("nodeid").asInt();
                if (n.has("leaf")) {
                    tree.isLeaf[id] = true;
                    tree.leaf[id] = (float) n.get("leaf").asDouble();
                } else {
                    String split = n.get("split").asText();
                    tree.feature[id] = position[Integer.parseInt(split.substring(1))];
                    tree.threshold[id] = (float) n.get("split_condition").asDouble();
                    tree.yes[id] = n.get("yes").asInt();
                    tree.no[id] = n.get("no").asInt();
                    tree.missing[id] = n.get("missing").asInt();
                }
            }
            return tree;
        }

        private static void collect(JsonNode node, List<JsonNode> out) {
            out.add(node);
            if (node.has("children")) {
                for (JsonNode child : node.get("children")) {
                    collect(child, out);
                }
            }
        }
    }
}
