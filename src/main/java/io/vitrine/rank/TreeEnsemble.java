package io.vitrine.rank;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A boosted tree ensemble of a binary classifier, in Vitrine's own file format ({@code <version>/trees.bin} of a
 * bundle): what serving needs to score, and nothing that needs Tribuo or libxgboost to read. The trainer writes it from
 * the XGBoost model ({@link XGBoostTrees}); {@link TreeEnsembleRanker} evaluates it.
 *
 * <p>
 * Two objectives, those of XGBoost:
 * <ul>
 * <li>{@code binary:logistic} (what the trainer trains, one tree per boosting round): every tree adds the value of the
 * leaf a vector reaches to one margin, which starts at {@link #baseScore}; the score is the logistic function of the
 * margin.
 * <li>{@code multi:softprob} with two classes (what Tribuo's own XGBoost trainer trains, two trees per round; bundles
 * of earlier trainers): every tree adds its leaf to the margin of its class; margins start at {@link #baseScore}; the
 * probability of the positive class is the softmax of the two margins.
 * </ul>
 * At a split, a vector goes to {@code yes} when {@code (float) x < threshold} and to {@code no} otherwise; a NaN goes
 * to the split's missing branch. Zero is an ordinary value: the trainer passes zero-valued features to XGBoost as
 * explicit zeros (in training and in prediction), so zero is compared with the threshold like any other value, never
 * treated as missing.
 *
 * <p>
 * File layout, format version {@value #FORMAT_VERSION}, big-endian ({@link DataOutputStream}):
 *
 * <pre>
 * magic            8 bytes  "VTREES\r\n"
 * formatVersion    int      readers refuse versions they do not know
 * objective        UTF      "binary:logistic" or "multi:softprob" (version 1 knew only the second)
 * classes          int      1 for binary:logistic, 2 for multi:softprob
 * positiveClass    int      index of the class whose probability is the score (0 for binary:logistic)
 * baseScore        float    initial margin of every class (for binary:logistic the logit of XGBoost's base_score)
 * featureCount     int      then that many UTF feature names; splits refer to features by index in this list
 * treeCount        int      then per tree:
 *   outputClass    int      the class whose margin the tree adds to
 *   nodeCount      int      then per node, node 0 the root, children always after their parent:
 *     feature      int      index into the feature names, or -1 for a leaf
 *     value        float    threshold of a split, output of a leaf
 *     yes, no      int, int children of a split (0 for a leaf)
 *     missingYes   byte     1 when a missing value (NaN) goes to yes, 0 when to no
 * </pre>
 *
 * Nothing follows the last tree. Every index is checked on reading, so a file that parses can be evaluated without
 * bounds errors or endless loops. This build reads format versions 1 and 2 and writes 2.
 */
public final class TreeEnsemble {
    /** Format name, as listed in bundle manifests. */
    public static final String FORMAT = "vitrine-trees";
    /** The format version this build writes. */
    public static final int FORMAT_VERSION = 2;
    /** The oldest format version this build reads. */
    public static final int OLDEST_READABLE_VERSION = 1;
    private static final byte[] MAGIC = {'V', 'T', 'R', 'E', 'E', 'S', '\r', '\n'};
    private static final int MAX_TREES = 1 << 16;
    private static final int MAX_NODES = 1 << 20;
    private static final int MAX_FEATURES = 1 << 16;

    private final List<String> features;
    private final Objective objective;
    private final int positiveClass;
    private final float baseScore;
    private final List<Tree> trees;

    /**
     * @param features feature names; splits refer to them by index
     * @param objective how the trees' outputs combine into the score
     * @param positiveClass the class whose probability is the score: 0 or 1 with two classes, 0 with one
     * @param baseScore initial margin of every class
     * @param trees the trees, in boosting order
     * @throws IllegalArgumentException when a tree refers to a feature that is not listed, or a class the objective
     *             does not have
     */
    public TreeEnsemble(List<String> features, Objective objective, int positiveClass, float baseScore,
            List<Tree> trees) {
        this.features = List.copyOf(features);
        this.objective = objective;
        this.positiveClass = positiveClass;
        this.baseScore = baseScore;
        this.trees = List.copyOf(trees);
        if (positiveClass < 0 || positiveClass >= objective.classes) {
            throw new IllegalArgumentException("positive class must be below " + objective.classes + ", not "
                    + positiveClass);
        }
        if (new HashSet<>(this.features).size() != this.features.size()) {
            throw new IllegalArgumentException("feature names repeat");
        }
        if (!Float.isFinite(baseScore)) {
            throw new IllegalArgumentException("base score is not finite");
        }
        for (Tree tree : this.trees) {
            if (tree.outputClass >= objective.classes) {
                throw new IllegalArgumentException("a tree adds to class " + tree.outputClass + " of "
                        + objective.classes + " (" + objective.xgboostName + ")");
            }
            for (int f : tree.feature) {
                if (f >= this.features.size()) {
                    throw new IllegalArgumentException("a split refers to feature " + f + " of "
                            + this.features.size());
                }
            }
        }
    }

    public List<String> features() {
        return features;
    }

    public Objective objective() {
        return objective;
    }

    public int positiveClass() {
        return positiveClass;
    }

    public float baseScore() {
        return baseScore;
    }

    public List<Tree> trees() {
        return trees;
    }

    /**
     * Feature importance as XGBoost's {@code weight}: how many splits of the ensemble test each feature, in the order
     * of {@link #features()} (features no split uses count 0). The trees file keeps no gains, so this is the importance
     * it can tell.
     */
    public Map<String, Integer> splitCounts() {
        int[] counts = new int[features.size()];
        for (Tree tree : trees) {
            for (int f : tree.feature) {
                if (f >= 0) {
                    counts[f]++;
                }
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            out.merge(features.get(i), counts[i], Integer::sum);
        }
        return out;
    }

    /** The probability of the positive class, tree by tree (the reference the fast evaluators must equal). */
    public double probability(float[] featureValues) {
        double margin0 = baseScore;
        double margin1 = baseScore;
        for (Tree tree : trees) {
            if (tree.outputClass == 0) {
                margin0 += tree.leafValue(featureValues);
            } else {
                margin1 += tree.leafValue(featureValues);
            }
        }
        return objective == Objective.BINARY_LOGISTIC
                ? logistic(margin0)
                : probability(margin0, margin1, positiveClass);
    }

    /** The logistic function: the probability of a margin. */
    static double logistic(double margin) {
        return 1 / (1 + Math.exp(-margin));
    }

    /** Softmax of two margins: the probability of class {@code positive}. */
    static double probability(double margin0, double margin1, int positive) {
        double other = positive == 0 ? margin1 - margin0 : margin0 - margin1;
        return 1 / (1 + Math.exp(other));
    }

    /** The file content. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(objective.xgboostName);
            out.writeInt(objective.classes);
            out.writeInt(positiveClass);
            out.writeFloat(baseScore);
            out.writeInt(features.size());
            for (String name : features) {
                out.writeUTF(name);
            }
            out.writeInt(trees.size());
            for (Tree tree : trees) {
                out.writeInt(tree.outputClass);
                out.writeInt(tree.size());
                for (int n = 0; n < tree.size(); n++) {
                    out.writeInt(tree.feature[n]);
                    out.writeFloat(tree.value[n]);
                    out.writeInt(tree.yes[n]);
                    out.writeInt(tree.no[n]);
                    out.writeByte(tree.missingYes[n] ? 1 : 0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a file.
     *
     * @throws TreeFormatException when it is not a trees file, of a format version this build does not know, or
     *             malformed
     */
    public static TreeEnsemble parse(byte[] content) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new TreeFormatException("not a trees file (no " + FORMAT + " header)");
            }
            int version = in.readInt();
            if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
                throw new TreeFormatException("trees format version " + version + " is not supported; this build reads "
                        + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION);
            }
            String name = in.readUTF();
            int classes = in.readInt();
            Objective objective = Objective.of(name, classes);
            if (objective == null || (version == 1 && objective != Objective.SOFTPROB_TWO_CLASSES)) {
                throw new TreeFormatException("trees of objective " + name + " with " + classes
                        + " classes are not supported in format version " + version + "; this build evaluates "
                        + (version == 1 ? Objective.SOFTPROB_TWO_CLASSES.describe() : Objective.describeAll()));
            }
            int positive = in.readInt();
            float base = in.readFloat();
            int featureCount = count(in.readInt(), MAX_FEATURES, "features");
            List<String> names = new ArrayList<>(featureCount);
            for (int i = 0; i < featureCount; i++) {
                names.add(in.readUTF());
            }
            int treeCount = count(in.readInt(), MAX_TREES, "trees");
            List<Tree> trees = new ArrayList<>(treeCount);
            for (int t = 0; t < treeCount; t++) {
                int outputClass = in.readInt();
                int size = count(in.readInt(), MAX_NODES, "nodes in tree " + t);
                int[] feature = new int[size];
                float[] value = new float[size];
                int[] yes = new int[size];
                int[] no = new int[size];
                boolean[] missingYes = new boolean[size];
                for (int n = 0; n < size; n++) {
                    feature[n] = in.readInt();
                    value[n] = in.readFloat();
                    yes[n] = in.readInt();
                    no[n] = in.readInt();
                    int missing = in.readUnsignedByte();
                    if (missing > 1) {
                        throw new TreeFormatException("tree " + t + " node " + n + ": missing flag " + missing);
                    }
                    missingYes[n] = missing == 1;
                }
                try {
                    trees.add(new Tree(outputClass, feature, value, yes, no, missingYes));
                } catch (IllegalArgumentException e) {
                    throw new TreeFormatException("tree " + t + ": " + e.getMessage(), e);
                }
            }
            if (in.read() != -1) {
                throw new TreeFormatException("trailing bytes after the last tree");
            }
            return new TreeEnsemble(names, objective, positive, base, trees);
        } catch (EOFException e) {
            throw new TreeFormatException("trees file is truncated", e);
        } catch (IOException e) {
            throw new TreeFormatException("trees file does not read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw e instanceof TreeFormatException ? e : new TreeFormatException(e.getMessage(), e);
        }
    }

    private static int count(int n, int max, String what) {
        if (n < 1 || n > max) {
            throw new TreeFormatException("implausible number of " + what + ": " + n);
        }
        return n;
    }

    /** What the trees' outputs mean: XGBoost's objective, with its number of margins. */
    public enum Objective {
        /** One margin, the score its logistic function (one tree per boosting round). */
        BINARY_LOGISTIC("binary:logistic", 1),
        /** Two margins, the score the softmax probability of the positive class (two trees per round). */
        SOFTPROB_TWO_CLASSES("multi:softprob", 2);

        /** XGBoost's name of the objective. */
        public final String xgboostName;
        /** How many margins the trees add to. */
        public final int classes;

        Objective(String xgboostName, int classes) {
            this.xgboostName = xgboostName;
            this.classes = classes;
        }

        /** The objective of that XGBoost name and number of classes, or null when the format has none such. */
        public static Objective of(String xgboostName, int classes) {
            for (Objective o : values()) {
                if (o.xgboostName.equals(xgboostName) && o.classes == classes) {
                    return o;
                }
            }
            return null;
        }

        String describe() {
            return xgboostName + " with " + classes + (classes == 1 ? " class" : " classes");
        }

        static String describeAll() {
            return java.util.Arrays.stream(values())
                    .map(Objective::describe)
                    .collect(
                            java.util.stream.Collectors.joining(" or "));
        }
    }

    /**
     * One tree as arrays indexed by node; node 0 is the root and every child comes after its parent, so a walk from the
     * root always ends at a leaf.
     */
    public static final class Tree {
        final int outputClass;
        final int[] feature;
        final float[] value;
        final int[] yes;
        final int[] no;
        final boolean[] missingYes;

        /**
         * @param outputClass the class whose margin the tree adds to: 0 or 1
         * @param feature per node: feature index of a split, -1 for a leaf
         * @param value per node: threshold of a split, output of a leaf (finite)
         * @param yes per node: child of a split when {@code x < threshold}
         * @param no per node: child of a split otherwise
         * @param missingYes per node: whether NaN goes to {@code yes}
         * @throws IllegalArgumentException when the arrays do not describe such a tree
         */
        public Tree(int outputClass, int[] feature, float[] value, int[] yes, int[] no, boolean[] missingYes) {
            int size = feature.length;
            if (outputClass != 0 && outputClass != 1) {
                throw new IllegalArgumentException("output class must be 0 or 1, not " + outputClass);
            }
            if (size == 0 || value.length != size || yes.length != size || no.length != size
                    || missingYes.length != size) {
                throw new IllegalArgumentException("node arrays are empty or of different lengths");
            }
            Set<Integer> reached = new HashSet<>();
            reached.add(0);
            for (int n = 0; n < size; n++) {
                if (!Float.isFinite(value[n])) {
                    throw new IllegalArgumentException("node " + n + " has a value that is not finite");
                }
                if (feature[n] < -1) {
                    throw new IllegalArgumentException("node " + n + " has feature " + feature[n]);
                }
                if (feature[n] >= 0) {
                    for (int child : new int[]{yes[n], no[n]}) {
                        if (child <= n || child >= size) {
                            throw new IllegalArgumentException("node " + n + " has child " + child + " (of " + size
                                    + " nodes; children come after their parent)");
                        }
                        if (!reached.add(child)) {
                            throw new IllegalArgumentException("node " + child + " has two parents");
                        }
                    }
                }
            }
            if (reached.size() != size) {
                throw new IllegalArgumentException((size - reached.size()) + " nodes are not reachable from the root");
            }
            this.outputClass = outputClass;
            this.feature = feature.clone();
            this.value = value.clone();
            this.yes = yes.clone();
            this.no = no.clone();
            this.missingYes = missingYes.clone();
        }

        public int outputClass() {
            return outputClass;
        }

        public int size() {
            return feature.length;
        }

        /** Depth of the deepest leaf (0 for a tree that is one leaf). */
        public int depth() {
            int[] depth = new int[size()];
            int max = 0;
            for (int n = 0; n < size(); n++) {
                if (feature[n] >= 0) {
                    depth[yes[n]] = depth[n] + 1;
                    depth[no[n]] = depth[n] + 1;
                } else {
                    max = Math.max(max, depth[n]);
                }
            }
            return max;
        }

        /** The output of the leaf {@code featureValues} reach. */
        public float leafValue(float[] featureValues) {
            int n = 0;
            while (feature[n] >= 0) {
                float x = featureValues[feature[n]];
                if (Float.isNaN(x)) {
                    n = missingYes[n] ? yes[n] : no[n];
                } else {
                    n = x < value[n] ? yes[n] : no[n];
                }
            }
            return value[n];
        }
    }
}
