package io.vitrine.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.vitrine.port.ObjectStore;
import io.vitrine.rank.Ranker;
import io.vitrine.rank.TreeEnsemble;
import io.vitrine.rank.TreeEnsembleRanker;
import io.vitrine.recall.RecallTables;

/**
 * Reads bundles and refuses any that is not exactly what its manifest promises: an unknown manifest or trees format, a
 * feature schema other than the serving code's, a missing file, or a file whose SHA-256 differs.
 */
public final class BundleReader {
    private static final Pattern VERSION = Pattern.compile("[0-9]{8}T[0-9]{9}Z");

    private final ObjectStore store;
    private final String expectedSchemaHash;
    private final ModelBundle.Evaluator evaluator;
    private final ModelFileRanker modelFiles;

    /**
     * Scores with a bundle's {@code model.tribuo} (the {@code tribuo} evaluator). Given by the caller, so this class,
     * and the serving path through it, never references Tribuo: the serve-only native image carries no Tribuo or
     * xgboost4j class ({@link ModelCodec#tribuoRanker} in the JVM artifact).
     */
    @FunctionalInterface
    public interface ModelFileRanker {
        /**
         * @throws BundleException when the bytes hold no usable model
         */
        Ranker fromModelFile(byte[] modelFile);
    }

    /**
     * A reader for the {@code java} evaluator.
     *
     * @param expectedSchemaHash {@link io.vitrine.rank.RankingFeatures#schemaHash} of the running code
     */
    public BundleReader(ObjectStore store, String expectedSchemaHash) {
        this(store, expectedSchemaHash, ModelBundle.Evaluator.JAVA, null);
    }

    /**
     * @param evaluator how loaded models are evaluated when serving
     * @param modelFiles reads {@code model.tribuo} for the {@code tribuo} evaluator; may be null for {@code java}
     * @throws IllegalArgumentException for the {@code tribuo} evaluator without {@code modelFiles}
     */
    public BundleReader(ObjectStore store, String expectedSchemaHash, ModelBundle.Evaluator evaluator,
            ModelFileRanker modelFiles) {
        if (evaluator == ModelBundle.Evaluator.TRIBUO && modelFiles == null) {
            throw new IllegalArgumentException("the tribuo evaluator needs Tribuo and libxgboost, which this build"
                    + " does not carry (the native image serves with the java evaluator): use vitrine.model.evaluator=java");
        }
        this.store = store;
        this.expectedSchemaHash = expectedSchemaHash;
        this.evaluator = evaluator;
        this.modelFiles = modelFiles;
    }

    /**
     * The version {@code LATEST} points at; empty when nothing was published yet.
     *
     * @throws BundleException when {@code LATEST} does not hold a version
     */
    public Optional<String> latestVersion() {
        Optional<byte[]> latest = store.get(BundlePublisher.LATEST);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        String version = new String(latest.get(), StandardCharsets.UTF_8).strip();
        if (!VERSION.matcher(version).matches()) {
            throw new BundleException("LATEST does not name a version: '"
                    + (version.length() > 40 ? version.substring(0, 40) + "..." : version) + "'");
        }
        return Optional.of(version);
    }

    /**
     * Loads and verifies one version. Every file the manifest lists must match its SHA-256; the trees file, when there
     * is one, must parse whatever the evaluator. With {@link ModelBundle.Evaluator#JAVA} the ranker is built from the
     * trees file alone: {@code model.tribuo} is verified but never deserialized, so no Tribuo or xgboost4j class is
     * loaded.
     *
     * @throws BundleException when it is missing, malformed, corrupt, built for other feature code, or (for the
     *             {@code java} evaluator) has no trees file
     */
    public ModelBundle load(String version) {
        byte[] manifestBytes = read(version, BundleManifest.FILE_NAME);
        BundleManifest manifest = BundleManifest.parse(manifestBytes);
        if (!version.equals(manifest.version())) {
            throw new BundleException("manifest of " + version + " names version " + manifest.version());
        }
        if (!expectedSchemaHash.equals(manifest.featureSchema().hash())) {
            throw new BundleException("bundle " + version + " was trained with feature schema "
                    + manifest.featureSchema().hash() + " (version " + manifest.featureSchema().version()
                    + "); this build computes " + expectedSchemaHash);
        }
        BundleManifest.TreesInfo treesInfo = manifest.model().trees();
        if (treesInfo != null) {
            if (!BundlePublisher.TREES_FILE.equals(treesInfo.file()) || !readsTrees(treesInfo)) {
                throw new BundleException("bundle " + version + " has trees " + treesInfo.file() + " in format "
                        + treesInfo.format() + " version " + treesInfo.formatVersion() + "; this build reads "
                        + BundlePublisher.TREES_FILE + " in format " + TREES_READ);
            }
        } else if (evaluator == ModelBundle.Evaluator.JAVA) {
            throw new BundleException("bundle " + version + " has no trees file (manifest format "
                    + manifest.formatVersion() + ", published by an older trainer), which the java evaluator needs;"
                    + " publish a new bundle with this trainer, or serve this one with vitrine.model.evaluator=tribuo");
        }
        List<String> required = new ArrayList<>(List.of(BundlePublisher.MODEL_FILE, BundlePublisher.RECALL_FILE));
        if (treesInfo != null) {
            required.add(treesInfo.file());
        }
        for (String file : required) {
            if (!manifest.files().containsKey(file)) {
                throw new BundleException("manifest of " + version + " lists no " + file);
            }
        }
        Map<String, byte[]> contents = new HashMap<>();
        for (Map.Entry<String, BundleManifest.FileEntry> file : manifest.files().entrySet()) {
            byte[] content = read(version, file.getKey());
            String actual = BundleManifest.sha256(content);
            if (!actual.equals(file.getValue().sha256())) {
                throw new BundleException("checksum mismatch for " + version + "/" + file.getKey() + ": manifest says "
                        + file.getValue().sha256() + ", content is " + actual);
            }
            contents.put(file.getKey(), content);
        }
        Ranker trees = null;
        if (treesInfo != null) {
            try {
                trees = TreeEnsembleRanker.of(TreeEnsemble.parse(contents.get(treesInfo.file())));
            } catch (IllegalArgumentException e) {
                throw new BundleException("trees of " + version + " do not load: " + e.getMessage(), e);
            }
        }
        Ranker ranker = evaluator == ModelBundle.Evaluator.JAVA
                ? trees
                : modelFiles.fromModelFile(contents.get(BundlePublisher.MODEL_FILE));
        try {
            return new ModelBundle(manifest,
                    RecallTables.readFrom(new ByteArrayInputStream(contents.get(BundlePublisher.RECALL_FILE))),
                    ranker);
        } catch (IOException e) {
            throw new BundleException("recall tables of " + version + " do not load: " + e.getMessage(), e);
        }
    }

    /**
     * The versions published under the store, oldest first: every version directory that has a manifest. Lists the
     * store, so this is for the console and tools, never the request path.
     */
    public List<String> publishedVersions() {
        Set<String> versions = new TreeSet<>();
        for (String key : store.list("")) {
            int slash = key.indexOf('/');
            if (slash > 0 && key.substring(slash + 1).equals(BundleManifest.FILE_NAME)
                    && VERSION.matcher(key.substring(0, slash)).matches()) {
                versions.add(key.substring(0, slash));
            }
        }
        return List.copyOf(versions);
    }

    /**
     * What the manifest of a version says, and whether this build would refuse it for what the manifest alone shows (a
     * version mismatch, another feature schema, a trees format it does not read). The files' checksums are checked only
     * by {@link #load}.
     */
    public Inspection inspect(String version) {
        BundleManifest manifest;
        try {
            manifest = BundleManifest.parse(read(version, BundleManifest.FILE_NAME));
        } catch (BundleException e) {
            return new Inspection(version, null, e.getMessage());
        }
        String problem = null;
        BundleManifest.TreesInfo trees = manifest.model() == null ? null : manifest.model().trees();
        if (!version.equals(manifest.version())) {
            problem = "manifest of " + version + " names version " + manifest.version();
        } else if (manifest.featureSchema() == null || !expectedSchemaHash.equals(manifest.featureSchema().hash())) {
            problem = "trained with feature schema "
                    + (manifest.featureSchema() == null ? "(none)" : manifest.featureSchema().hash())
                    + "; this build computes " + expectedSchemaHash;
        } else if (trees == null && evaluator == ModelBundle.Evaluator.JAVA) {
            problem = "no trees file (manifest format " + manifest.formatVersion()
                    + "), which the java evaluator needs";
        } else if (trees != null && !readsTrees(trees)) {
            problem = "trees in format " + trees.format() + " version " + trees.formatVersion() + "; this build reads "
                    + TREES_READ;
        }
        return new Inspection(version, manifest, problem);
    }

    private static final String TREES_READ = TreeEnsemble.FORMAT + " versions " + TreeEnsemble.OLDEST_READABLE_VERSION
            + " to " + TreeEnsemble.FORMAT_VERSION;

    private static boolean readsTrees(BundleManifest.TreesInfo trees) {
        return TreeEnsemble.FORMAT.equals(trees.format())
                && trees.formatVersion() >= TreeEnsemble.OLDEST_READABLE_VERSION
                && trees.formatVersion() <= TreeEnsemble.FORMAT_VERSION;
    }

    /**
     * The feature importance of a version's trees ({@link TreeEnsemble#splitCounts()}), read from its trees file and
     * verified against the manifest's checksum.
     *
     * @throws BundleException when the version has no trees file, or it is damaged
     */
    public Map<String, Integer> featureImportance(String version) {
        BundleManifest manifest = BundleManifest.parse(read(version, BundleManifest.FILE_NAME));
        BundleManifest.TreesInfo trees = manifest.model() == null ? null : manifest.model().trees();
        if (trees == null || !manifest.files().containsKey(trees.file())) {
            throw new BundleException("bundle " + version + " has no trees file");
        }
        byte[] content = read(version, trees.file());
        if (!BundleManifest.sha256(content).equals(manifest.files().get(trees.file()).sha256())) {
            throw new BundleException("checksum mismatch for " + version + "/" + trees.file());
        }
        try {
            return TreeEnsemble.parse(content).splitCounts();
        } catch (IllegalArgumentException e) {
            throw new BundleException("trees of " + version + " do not load: " + e.getMessage(), e);
        }
    }

    /**
     * A published version as its manifest shows it.
     *
     * @param version the version
     * @param manifest its manifest; null when it cannot be read
     * @param problem why this build would refuse it, or null when the manifest shows no reason
     */
    public record Inspection(String version, BundleManifest manifest, String problem) {
    }

    /** Loads the version {@code LATEST} points at, if any. */
    public Optional<ModelBundle> loadLatest() {
        return latestVersion().map(this::load);
    }

    private byte[] read(String version, String file) {
        return store.get(version + "/" + file)
                .orElseThrow(() -> new BundleException("bundle " + version + " has no " + file + " in "
                        + store.location()));
    }
}
