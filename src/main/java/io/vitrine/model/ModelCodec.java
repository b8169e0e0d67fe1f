package io.vitrine.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.protos.core.ModelProto;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Model files in Tribuo's protobuf format (never Java serialization), and the checksums of bundle files.
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

    /** Hex SHA-256 of content. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Hex SHA-256 of text in UTF-8. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
