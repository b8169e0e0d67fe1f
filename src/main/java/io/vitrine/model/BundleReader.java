package io.vitrine.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.recall.RecallTables;
import io.vitrine.storage.ObjectStore;

/**
 * Reads bundles and refuses any that is not exactly what its manifest promises: an unknown manifest format, a feature
 * schema other than the serving code's, a missing file, or a file whose SHA-256 differs.
 */
public final class BundleReader {
    private static final Pattern VERSION = Pattern.compile("[0-9]{8}T[0-9]{9}Z");

    private final ObjectStore store;
    private final String expectedSchemaHash;
    private final ModelBundle.Evaluator evaluator;

    /** @param expectedSchemaHash {@link io.vitrine.rank.RankingFeatures#schemaHash} of the running code */
    public BundleReader(ObjectStore store, String expectedSchemaHash) {
        this(store, expectedSchemaHash, ModelBundle.Evaluator.TRIBUO);
    }

    /** @param evaluator how loaded models are evaluated when serving */
    public BundleReader(ObjectStore store, String expectedSchemaHash, ModelBundle.Evaluator evaluator) {
        this.store = store;
        this.expectedSchemaHash = expectedSchemaHash;
        this.evaluator = evaluator;
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
     * Loads and verifies one version.
     *
     * @throws BundleException when it is missing, malformed, corrupt, or built for other feature code
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
        for (String required : new String[]{BundlePublisher.MODEL_FILE, BundlePublisher.RECALL_FILE}) {
            if (!manifest.files().containsKey(required)) {
                throw new BundleException("manifest of " + version + " lists no " + required);
            }
        }
        byte[] model = null;
        byte[] tables = null;
        for (Map.Entry<String, BundleManifest.FileEntry> file : manifest.files().entrySet()) {
            byte[] content = read(version, file.getKey());
            String actual = ModelCodec.sha256(content);
            if (!actual.equals(file.getValue().sha256())) {
                throw new BundleException("checksum mismatch for " + version + "/" + file.getKey() + ": manifest says "
                        + file.getValue().sha256() + ", content is " + actual);
            }
            if (file.getKey().equals(BundlePublisher.MODEL_FILE)) {
                model = content;
            } else if (file.getKey().equals(BundlePublisher.RECALL_FILE)) {
                tables = content;
            }
        }
        Model<Label> ranker = ModelCodec.fromBytes(model);
        try {
            return ModelBundle.of(manifest, ranker, RecallTables.readFrom(new ByteArrayInputStream(tables)),
                    evaluator);
        } catch (IOException e) {
            throw new BundleException("recall tables of " + version + " do not load: " + e.getMessage(), e);
        }
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
