package io.vitrine.model;

import java.nio.charset.StandardCharsets;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;

import com.google.protobuf.InvalidProtocolBufferException;

import io.vitrine.port.ObjectStore;
import io.vitrine.rank.Ranker;
import io.vitrine.rank.TribuoRanker;

/**
 * Model files in Tribuo's protobuf format (never Java serialization), and the checksums of bundle files. The only class
 * of this package that touches Tribuo when a bundle is read, and only for the {@code tribuo} evaluator, whose
 * {@link BundleReader.ModelFileRanker} is {@link #tribuoRanker}; the serving path never references it directly (the
 * native image has no Tribuo).
 */
public final class ModelCodec {
    private ModelCodec() {
    }

    public static byte[] toBytes(Model<Label> model) {
        return model.serialize().toByteArray();
    }

    /**
     * Reads a classification model.
     *
     * @throws BundleException when the bytes are not a Tribuo model proto or not a classification model
     */
    public static Model<Label> fromBytes(byte[] bytes) {
        try {
            Model<?> model = Model.deserialize(ModelProto.parseFrom(bytes));
            return model.castModel(Label.class);
        } catch (InvalidProtocolBufferException e) {
            throw new BundleException("model file is not a Tribuo protobuf model: " + e.getMessage(), e);
        } catch (ClassCastException | IllegalStateException | IllegalArgumentException e) {
            throw new BundleException("model file holds no usable classification model: " + e.getMessage(), e);
        }
    }

    /**
     * The model file scored by Tribuo (libxgboost).
     *
     * @throws BundleException when the bytes hold no usable classification model
     */
    public static Ranker tribuoRanker(byte[] bytes) {
        return new TribuoRanker(fromBytes(bytes));
    }

    /** A reader for the {@code tribuo} evaluator. */
    public static BundleReader tribuoReader(ObjectStore store, String expectedSchemaHash) {
        return new BundleReader(store, expectedSchemaHash, ModelBundle.Evaluator.TRIBUO, ModelCodec::tribuoRanker);
    }

    /** A reader for {@code evaluator}, with Tribuo for the {@code tribuo} one. */
    public static BundleReader reader(ObjectStore store, String expectedSchemaHash, ModelBundle.Evaluator evaluator) {
        return new BundleReader(store, expectedSchemaHash, evaluator, ModelCodec::tribuoRanker);
    }

    /** Hex SHA-256 of content. */
    public static String sha256(byte[] content) {
        return BundleManifest.sha256(content);
    }

    /** Hex SHA-256 of text in UTF-8. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
