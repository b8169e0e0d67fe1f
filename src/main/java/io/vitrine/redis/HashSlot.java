package io.vitrine.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster hash slot of a key: CRC16 (XMODEM: polynomial 0x1021, initial value 0, no reflection) of the key,
 * or of its hash tag, modulo 16384, as the cluster specification defines it. The hash tag is the part between the first
 * <code>{</code> and the first <code>}</code> after it, when that part is not empty; otherwise the whole key is hashed.
 *
 * <p>
 * Vert.x computes the same value in {@code io.vertx.redis.client.impl.ZModem}, an implementation class that is not part
 * of its API, so Vitrine keeps its own (twenty lines, checked against the specification's test vector and against
 * {@code CLUSTER KEYSLOT} of a real server in the tests).
 */
public final class HashSlot {
    /** Slots in a Redis Cluster. */
    public static final int SLOTS = 16384;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private HashSlot() {
    }

    /** The slot of a key given as text (encoded as UTF-8, as the client sends it). */
    public static int of(String key) {
        return of(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The slot of a key. */
    public static int of(byte[] key) {
        int start = 0;
        int end = key.length;
        for (int open = 0; open < key.length; open++) {
            if (key[open] == '{') {
                for (int close = open + 1; close < key.length; close++) {
                    if (key[close] == '}') {
                        if (close > open + 1) {
                            start = open + 1;
                            end = close;
                        }
                        break;
                    }
                }
                break;
            }
        }
        return crc16(key, start, end) & (SLOTS - 1);
    }

    /** CRC16/XMODEM of {@code bytes[from, to)}. */
    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
