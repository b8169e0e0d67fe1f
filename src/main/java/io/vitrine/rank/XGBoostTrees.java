package io.vitrine.rank;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Exports the trees of a Tribuo XGBoost model as a {@link TreeEnsemble}. Training side only: it reads the booster's own
 * JSON model through xgboost4j (native), which serving never loads.
 *
 * <p>
 * The JSON model gives everything exactly: the objective, the number of classes, the base score, the class of each tree
 * ({@code tree_info}), and per node the split feature (XGBoost's feature index, which is Tribuo's feature id), the
 * threshold or leaf value ({@code split_conditions}), the children and the default (missing) direction. Numbers are
 * read as decimals and rounded to float once, so thresholds and leaves are bit for bit XGBoost's.
 */
public final class XGBoostTrees {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private XGBoostTrees() {
    }

    /**
     * The trees of a binary Tribuo XGBoost classifier: a {@code binary:logistic} booster (as the trainer trains it), or
     * Tribuo's own two-class {@code multi:softprob}, whose positive class is {@link TribuoRanker#POSITIVE}.
     *
     * @throws IllegalArgumentException when the model is not such a classifier, or uses what the format cannot express
     *             (other objectives, categorical splits, other boosters)
     */
    public static TreeEnsemble of(Model<Label> model) {
        if (!(model instanceof XGBoostModel<Label> xgb) || xgb.getInnerModels().size() != 1
                || model.getOutputIDInfo().size() != 2) {
            throw new IllegalArgumentException("not a binary Tribuo XGBoost model");
        }
        int positive = model.getOutputIDInfo().getID(new Label(TribuoRanker.POSITIVE));
        if (positive < 0) {
            throw new IllegalArgumentException("the model has no label " + TribuoRanker.POSITIVE);
        }
        List<String> features = new ArrayList<>(model.getFeatureIDMap().size());
        for (int id = 0; id < model.getFeatureIDMap().size(); id++) {
            features.add(model.getFeatureIDMap().get(id).getName());
        }
        Booster booster = xgb.getInnerModels().get(0);
        try {
            return fromJson(JSON.readTree(booster.toByteArray("json")), features, positive);
        } catch (XGBoostError e) {
            throw new IllegalArgumentException("cannot read the model's trees: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the model's JSON does not parse: " + e.getMessage(), e);
        } finally {
            booster.dispose();
        }
    }

    /** From XGBoost's JSON model ({@code Booster.toByteArray("json")}); {@code features} by XGBoost feature index. */
    static TreeEnsemble fromJson(JsonNode root, List<String> features, int positive) {
        JsonNode learner = root.path("learner");
        String objective = learner.path("objective").path("name").asText();
        JsonNode params = learner.path("learner_model_param");
        String classes = params.path("num_class").asText();
        // XGBoost writes num_class 0 for single-margin objectives.
        TreeEnsemble.Objective kind = TreeEnsemble.Objective.of(objective,
                "0".equals(classes) ? 1 : Integer.parseInt(classes.isEmpty() ? "-1" : classes));
        if (kind == null) {
            throw new IllegalArgumentException("objective " + objective + " with " + classes
                    + " classes; the trees format holds binary:logistic, or multi:softprob with 2 classes");
        }
        JsonNode gbtree = learner.path("gradient_booster");
        if (!"gbtree".equals(gbtree.path("name").asText())) {
            throw new IllegalArgumentException("booster " + gbtree.path("name").asText() + " is not gbtree");
        }
        JsonNode info = gbtree.path("model").path("tree_info");
        JsonNode trees = gbtree.path("model").path("trees");
        if (!trees.isArray() || trees.size() == 0 || info.size() != trees.size()) {
            throw new IllegalArgumentException("the model lists " + trees.size() + " trees and " + info.size()
                    + " tree classes");
        }
        List<TreeEnsemble.Tree> out = new ArrayList<>(trees.size());
        for (int t = 0; t < trees.size(); t++) {
            out.add(tree(trees.get(t), info.get(t).asInt()));
        }
        float baseScore = number(params.path("base_score"));
        if (kind == TreeEnsemble.Objective.BINARY_LOGISTIC) {
            // XGBoost keeps base_score as a probability and starts from its logit (ProbToMargin, in float).
            if (!(baseScore > 0 && baseScore < 1)) {
                throw new IllegalArgumentException("binary:logistic base_score " + baseScore + " is not in (0, 1)");
            }
            return new TreeEnsemble(features, kind, 0, (float) -Math.log(1.0f / baseScore - 1.0f), out);
        }
        return new TreeEnsemble(features, kind, positive, baseScore, out);
    }

    /** One tree, renumbered breadth-first from the root (children after parents; deleted nodes dropped). */
    private static TreeEnsemble.Tree tree(JsonNode tree, int outputClass) {
        JsonNode left = tree.path("left_children");
        JsonNode right = tree.path("right_children");
        JsonNode split = tree.path("split_indices");
        JsonNode condition = tree.path("split_conditions");
        JsonNode defaultLeft = tree.path("default_left");
        for (JsonNode type : tree.path("split_type")) {
            if (type.asInt() != 0) {
                throw new IllegalArgumentException("categorical splits are not supported");
            }
        }
        int size = left.size();
        int[] renumbered = new int[size];
        Arrays.fill(renumbered, -1);
        List<Integer> order = new ArrayList<>();
        order.add(0);
        renumbered[0] = 0;
        for (int k = 0; k < order.size(); k++) {
            int old = order.get(k);
            int yes = left.get(old).asInt();
            if (yes != -1) {
                int no = right.get(old).asInt();
                for (int child : new int[]{yes, no}) {
                    if (child <= 0 || child >= size || renumbered[child] != -1) {
                        throw new IllegalArgumentException("malformed tree: node " + old + " has child " + child);
                    }
                    renumbered[child] = order.size();
                    order.add(child);
                }
            }
        }
        int n = order.size();
        int[] feature = new int[n];
        float[] value = new float[n];
        int[] yes = new int[n];
        int[] no = new int[n];
        boolean[] missingYes = new boolean[n];
        for (int k = 0; k < n; k++) {
            int old = order.get(k);
            value[k] = number(condition.get(old));
            int l = left.get(old).asInt();
            if (l == -1) {
                feature[k] = -1;
            } else {
                feature[k] = split.get(old).asInt();
                yes[k] = renumbered[l];
                no[k] = renumbered[right.get(old).asInt()];
                JsonNode d = defaultLeft.get(old);
                missingYes[k] = d.isBoolean() ? d.booleanValue() : d.asInt() != 0;
            }
        }
        return new TreeEnsemble.Tree(outputClass, feature, value, yes, no, missingYes);
    }

    /** A JSON number or numeric string, rounded to float once from its decimal text. */
    private static float number(JsonNode node) {
        if (node == null || !(node.isNumber() || node.isTextual())) {
            throw new IllegalArgumentException("expected a number, got " + node);
        }
        return Float.parseFloat(node.isBigDecimal() ? node.decimalValue().toString() : node.asText());
    }
}
