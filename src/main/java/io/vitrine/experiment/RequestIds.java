package io.vitrine.experiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vitrine.event.Arm;

/**
 * Request ids that carry the experiment arms of the response they name, so feedback is attributed without a lookup per
 * event. Without arms the id is 22 characters of base64url randomness (a UUID). With arms it is
 * {@code <random>.<experiment=variant,...>.<signature>}, the signature being the first 128 bits of HMAC-SHA256 over
 * everything before it, under a key every instance shares: a client cannot move its events to another variant or
 * experiment without the id failing verification, and a failing id simply attributes nothing.
 */
public final class RequestIds {
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getUrlDecoder();
    private static final int SIGNATURE_BYTES = 16;

    private final Supplier<byte[]> key;
    private volatile SecretKeySpec spec;

    /** @param key the signing key (at least 32 bytes), fetched on first use and kept */
    public RequestIds(Supplier<byte[]> key) {
        this.key = key;
    }

    /** A new unique request id carrying {@code arms}. */
    public String issue(List<Arm> arms) {
        UUID uuid = UUID.randomUUID();
        String random = BASE64.encodeToString(ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array());
        if (arms.isEmpty()) {
            return random;
        }
        StringJoiner labels = new StringJoiner(",");
        arms.forEach(arm -> labels.add(arm.toString()));
        String body = random + "." + labels;
        return body + "." + BASE64.encodeToString(sign(body));
    }

    /**
     * The arms a request id carries: empty for an id without arms, and also for one whose signature fails (forged,
     * altered, or from another deployment).
     */
    public List<Arm> arms(String requestId) {
        return verified(requestId).orElse(List.of());
    }

    /** The arms of a request id with arms and a valid signature; empty otherwise. */
    public Optional<List<Arm>> verified(String requestId) {
        if (requestId == null) {
            return Optional.empty();
        }
        int last = requestId.lastIndexOf('.');
        int first = requestId.indexOf('.');
        if (first < 0 || first == last) {
            return Optional.empty();
        }
        byte[] signature;
        try {
            signature = BASE64_DECODER.decode(requestId.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String body = requestId.substring(0, last);
        if (!MessageDigest.isEqual(sign(body), signature)) {
            return Optional.empty();
        }
        List<Arm> arms = new ArrayList<>();
        for (String label : body.substring(first + 1).split(",")) {
            int eq = label.indexOf('=');
            if (eq <= 0 || eq == label.length() - 1) {
                return Optional.empty();
            }
            arms.add(new Arm(label.substring(0, eq), label.substring(eq + 1)));
        }
        return Optional.of(List.copyOf(arms));
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(spec());
            return Arrays.copyOf(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private SecretKeySpec spec() {
        SecretKeySpec s = spec;
        if (s == null) {
            byte[] bytes = key.get();
            if (bytes.length < 32) {
                throw new IllegalStateException("the request signing key must have at least 32 bytes");
            }
            s = new SecretKeySpec(bytes, "HmacSHA256");
            spec = s;
        }
        return s;
    }
}
