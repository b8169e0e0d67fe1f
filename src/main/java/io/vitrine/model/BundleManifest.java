package io.vitrine.model;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The manifest of a bundle ({@code <version>/manifest.json}).
 *
 * @param formatVersion version of this manifest format; readers refuse versions they do not know
 * @param version the bundle version (sorts in publish order)
 * @param createdAt ISO-8601 instant of publication
 * @param model the ranker model file and how it was trained
 * @param featureSchema the feature code the model was trained with
 * @param featureSettings the feature constants (half-lives, priors) in force
 * @param data the training data window
 * @param metrics validation metrics
 * @param report the training report a person reads (format 3; absent before)
 * @param files SHA-256 and size of every file of the bundle, by file name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(int formatVersion, String version, String createdAt, ModelInfo model,
        FeatureSchema featureSchema, Map<String, Object> featureSettings, DataWindow data,
        Map<String, Double> metrics, Report report, Map<String, FileEntry> files) {

    /** A manifest without a training report (formats 1 and 2). */
    public BundleManifest(int formatVersion, String version, String createdAt, ModelInfo model,
            FeatureSchema featureSchema, Map<String, Object> featureSettings, DataWindow data,
            Map<String, Double> metrics, Map<String, FileEntry> files) {
        this(formatVersion, version, createdAt, model, featureSchema, featureSettings, data, metrics, null, files);
    }

    /** This manifest with a report. */
    public BundleManifest withReport(Report report) {
        return new BundleManifest(formatVersion, version, createdAt, model, featureSchema, featureSettings, data,
                metrics, report, files);
    }

    /**
     * What training measured, for a person (the console's model page, {@code GET /v1/model}): beside the plot file.
     *
     * @param plot the file of the bundle that draws it (PNG), or null
     * @param featureImportance gain per feature, largest first
     * @param ranking NDCG@10 and HR@10 of the model's order, the recall order (when the ranker was trained on recall
     *            candidates) and MostPop on the validation users
     * @param calibration predicted probability against the observed rate on the validation examples
     * @param calibrationError the expected calibration error
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(String plot, Map<String, Double> featureImportance, Map<String, Ranking> ranking,
            List<CalibrationBin> calibration, double calibrationError) {
    }

    /**
     * Top-10 figures of one order.
     *
     * @param ndcg NDCG@10
     * @param hitRate HR@10
     * @param cases users or cases measured
     */
    public record Ranking(double ndcg, double hitRate, int cases) {
    }

    /**
     * One bin of predicted probability.
     *
     * @param from lowest prediction
     * @param to highest
     * @param examples predictions in it
     * @param meanPredicted their mean
     * @param observedRate the share engaged
     */
    public record CalibrationBin(double from, double to, long examples, double meanPredicted, double observedRate) {
    }

    /**
     * The manifest format this build writes. Format 3 added the training {@link Report}; format 2 added
     * {@link ModelInfo#trees}; format 1 (no trees file) is still read, and such a bundle can only be served by the
     * Tribuo evaluator.
     */
    public static final int FORMAT_VERSION = 3;
    /** The oldest manifest format this build reads. */
    public static final int OLDEST_READABLE_FORMAT = 1;
    /** File name of the manifest inside a version directory. */
    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The ranker model.
     *
     * @param file file name inside the version directory
     * @param format {@code tribuo-protobuf}
     * @param trainer e.g. {@code tribuo-xgboost-classification}
     * @param parameters trainer parameters
     * @param trees the same model's trees in Vitrine's own format, which serving reads without Tribuo (absent in
     *            manifest format 1)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelInfo(String file, String format, String trainer, Map<String, Object> parameters,
            TreesInfo trees) {

        /** Without the trees file (what a training run knows before publishing). */
        public ModelInfo(String file, String format, String trainer, Map<String, Object> parameters) {
            this(file, format, trainer, parameters, null);
        }

        public ModelInfo withTrees(TreesInfo trees) {
            return new ModelInfo(file, format, trainer, parameters, trees);
        }
    }

    /**
     * The trees file of a bundle ({@link io.vitrine.rank.TreeEnsemble}).
     *
     * @param file file name inside the version directory
     * @param format {@code vitrine-trees}
     * @param formatVersion version of that format; readers refuse versions they do not know
     */
    public record TreesInfo(String file, String format, int formatVersion) {
    }

    /**
     * The feature code a model expects.
     *
     * @param version {@link io.vitrine.rank.RankingFeatures#SCHEMA_VERSION}
     * @param hash {@link io.vitrine.rank.RankingFeatures#schemaHash}
     * @param names feature names in vector order
     */
    public record FeatureSchema(int version, String hash, List<String> names) {
    }

    /**
     * The training data.
     *
     * @param from first event time
     * @param to last event time
     * @param validationFrom start of the held-out window
     * @param events events replayed
     * @param trainExamples examples trained on
     * @param validationExamples examples held out
     */
    public record DataWindow(String from, String to, String validationFrom, long events, long trainExamples,
            long validationExamples) {
    }

    /**
     * A file of the bundle.
     *
     * @param sha256 hex SHA-256 of its content
     * @param bytes its size
     */
    public record FileEntry(String sha256, long bytes) {
    }

    /** Hex SHA-256 of content (the checksum of {@link FileEntry}). */
    public static String sha256(byte[] content) {
        return DigestUtils.sha256Hex(content);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("a manifest always serialises", e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @throws BundleException when it is not valid JSON of this shape, or of a format version this build does not know
     */
    public static BundleManifest parse(byte[] json) {
        Integer format;
        try {
            com.fasterxml.jackson.databind.JsonNode version = JSON.readTree(json).path("formatVersion");
            format = version.isInt() ? version.intValue() : null;
        } catch (IOException e) {
            throw new BundleException("manifest is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        if (format == null || format < OLDEST_READABLE_FORMAT || format > FORMAT_VERSION) {
            throw new BundleException("manifest format version " + format + " is not supported; this build reads "
                    + OLDEST_READABLE_FORMAT + " to " + FORMAT_VERSION);
        }
        try {
            BundleManifest manifest = JSON.readValue(json, BundleManifest.class);
            if (manifest.version() == null || manifest.model() == null || manifest.featureSchema() == null
                    || manifest.files() == null) {
                throw new BundleException("manifest lacks version, model, featureSchema or files");
            }
            if (format < 3 && manifest.report() != null) {
                throw new BundleException("manifest format " + format + " cannot have a report");
            }
            if ((format >= 2) != (manifest.model().trees() != null)) {
                throw new BundleException("manifest format " + format + (format >= 2 ? " lacks" : " cannot have")
                        + " model.trees");
            }
            return manifest;
        } catch (IOException e) {
            throw new BundleException("manifest does not match format " + format + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
