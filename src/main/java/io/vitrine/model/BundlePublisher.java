package io.vitrine.model;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.port.ObjectStore;
import io.vitrine.rank.TreeEnsemble;
import io.vitrine.rank.XGBoostTrees;
import io.vitrine.recall.RecallTables;

/**
 * Publishes bundles: every file of a version first, then its manifest, and {@code LATEST} last, so a reader that
 * follows {@code LATEST} never sees a version before all of it is written. Versions are UTC timestamps and sort in
 * publish order.
 */
public final class BundlePublisher {
    /** The pointer to the version to serve. */
    public static final String LATEST = "LATEST";
    /** The model file inside a version directory. */
    public static final String MODEL_FILE = "model.tribuo";
    /** The model's trees in Vitrine's own format ({@link TreeEnsemble}) inside a version directory. */
    public static final String TREES_FILE = "trees.bin";
    /** The recall tables file inside a version directory. */
    public static final String RECALL_FILE = "recall.tables";
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final Clock clock;

    public BundlePublisher(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Writes a new version and points {@code LATEST} at it: the Tribuo model, its trees in Vitrine's format (what
     * serving reads by default), the recall tables, then the manifest.
     *
     * @param draft the manifest without version, creation time and file checksums (filled in here)
     * @return the manifest as readers will parse it
     */
    public BundleManifest publish(Model<Label> model, RecallTables tables, BundleManifest draft) {
        return publish(model, tables, draft, Map.of());
    }

    /**
     * As {@link #publish(Model, RecallTables, BundleManifest)}, with more files of the version (such as the training
     * report's plot), checksummed like the others.
     */
    public BundleManifest publish(Model<Label> model, RecallTables tables, BundleManifest draft,
            Map<String, byte[]> extra) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(MODEL_FILE, ModelCodec.toBytes(model));
        files.put(TREES_FILE, XGBoostTrees.of(model).toBytes());
        files.put(RECALL_FILE, tables.toBytes());
        files.putAll(extra);
        Map<String, BundleManifest.FileEntry> entries = new LinkedHashMap<>();
        files.forEach((name, bytes) -> entries.put(name, new BundleManifest.FileEntry(BundleManifest.sha256(bytes),
                bytes.length)));
        Instant now = clock.instant();
        String version = nextVersion(now);
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, version, now.toString(),
                draft.model()
                        .withTrees(new BundleManifest.TreesInfo(TREES_FILE, TreeEnsemble.FORMAT,
                                TreeEnsemble.FORMAT_VERSION)),
                draft.featureSchema(), draft.featureSettings(), draft.data(), draft.metrics(), draft.report(),
                entries);
        byte[] manifestJson = manifest.toJson();
        files.forEach((name, bytes) -> store.put(version + "/" + name, bytes));
        store.put(version + "/" + BundleManifest.FILE_NAME, manifestJson);
        store.put(LATEST, version.getBytes(StandardCharsets.UTF_8));
        return BundleManifest.parse(manifestJson);
    }

    /** A version after both {@code now} and the current {@code LATEST} (clocks of two trainers may disagree). */
    private String nextVersion(Instant now) {
        String candidate = VERSION.format(now);
        String latest = store.get(LATEST).map(b -> new String(b, StandardCharsets.UTF_8).strip()).orElse("");
        if (candidate.compareTo(latest) > 0) {
            return candidate;
        }
        return VERSION.format(Instant.from(VERSION.parse(latest)).plusMillis(1));
    }
}
