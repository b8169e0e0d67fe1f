package io.vitrine.api;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * The configured API keys, kept only as SHA-256 digests. A presented key is hashed and compared with every configured
 * digest using {@link MessageDigest#isEqual} (constant time) without stopping at the first match, so the time taken
 * does not reveal which key, or how much of one, matched.
 */
public final class ApiKeyRing {
    /** Prefix marking a configured entry as a hex SHA-256 digest instead of a raw key. */
    public static final String SHA256_PREFIX = "sha256:";

    private final List<byte[]> clientDigests;
    private final List<byte[]> adminDigests;

    /**
     * @param clientKeys raw keys or {@code sha256:<hex>} digests for the public calls
     * @param adminKeys the same for admin calls
     * @throws IllegalArgumentException for a malformed digest (the message never contains the entry)
     */
    public ApiKeyRing(List<String> clientKeys, List<String> adminKeys) {
        this.clientDigests = digests(clientKeys, "client-keys");
        this.adminDigests = digests(adminKeys, "admin-keys");
    }

    /** What a presented key may do; empty when it matches no configured key. */
    public Optional<Role> roleOf(String presentedKey) {
        return match(presentedKey).map(Match::role);
    }

    /** The role and fingerprint of a presented key; empty when it matches no configured key. */
    public Optional<Match> match(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presentedKey);
        boolean admin = matchesAny(digest, adminDigests);
        boolean client = matchesAny(digest, clientDigests);
        if (!admin && !client) {
            return Optional.empty();
        }
        return Optional.of(new Match(admin ? Role.ADMIN : Role.CLIENT, fingerprint(digest)));
    }

    /**
     * How logs name a key without revealing it: {@code sha256:} and the first 12 hex digits of its SHA-256, which is
     * the start of the {@code sha256:<hex>} entry an operator configures for it. 48 bits identify a key among the
     * configured ones but cannot be turned back into a key of any useful length.
     */
    public static String fingerprint(String key) {
        return fingerprint(sha256(key));
    }

    private static String fingerprint(byte[] digest) {
        return SHA256_PREFIX + HexFormat.of().formatHex(digest, 0, 6);
    }

    /**
     * Whether an admin key with this fingerprint ({@link #fingerprint(String)}) is configured: a console session names
     * the key it was opened with this way, and ends when that key is removed from the configuration.
     */
    public boolean hasAdminFingerprint(String fingerprint) {
        boolean found = false;
        for (byte[] digest : adminDigests) {
            found |= fingerprint(digest).equals(fingerprint);
        }
        return found;
    }

    /** Whether any key is configured at all. */
    public boolean isEmpty() {
        return clientDigests.isEmpty() && adminDigests.isEmpty();
    }

    /** Hex SHA-256 of a key, the form to put in configuration behind {@link #SHA256_PREFIX}. */
    public static String sha256Hex(String key) {
        return DigestUtils.sha256Hex(key);
    }

    private static boolean matchesAny(byte[] digest, List<byte[]> candidates) {
        boolean match = false;
        for (byte[] candidate : candidates) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    private static List<byte[]> digests(List<String> entries, String name) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith(SHA256_PREFIX)) {
                String hex = entry.substring(SHA256_PREFIX.length());
                if (hex.length() != 64) {
                    throw new IllegalArgumentException("vitrine.security." + name + " entry " + (i + 1)
                            + " has the sha256: prefix but not 64 hex digits");
                }
                try {
                    out.add(HexFormat.of().parseHex(hex));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("vitrine.security." + name + " entry " + (i + 1)
                            + " has the sha256: prefix but not 64 hex digits");
                }
            } else {
                out.add(sha256(entry));
            }
        }
        return List.copyOf(out);
    }

    private static byte[] sha256(String key) {
        return DigestUtils.sha256(key);
    }

    /**
     * A presented key that matched.
     *
     * @param role what it may call
     * @param fingerprint how logs name it ({@link #fingerprint(String)})
     */
    public record Match(Role role, String fingerprint) {
    }

    /** What a key may call. */
    public enum Role {
        /** The public calls only. */
        CLIENT,
        /** Everything. */
        ADMIN
    }
}
