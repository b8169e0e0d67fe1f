package io.vitrine.boot;

import java.util.function.Supplier;

/**
 * The deployment's signing key (at least 32 bytes), fetched on first use and kept: from configuration, or from the
 * experiment store, which creates it once for every instance. A failed fetch (store unavailable) is retried on the next
 * use.
 */
public final class SigningKey implements Supplier<byte[]> {
    private final Supplier<byte[]> source;
    private volatile byte[] key;

    SigningKey(Supplier<byte[]> source) {
        this.source = source;
    }

    /**
     * @return a copy of the key
     * @throws io.vitrine.port.StoreUnavailableException when it must come from the store and the store cannot be
     *             reached
     */
    @Override
    public byte[] get() {
        byte[] k = key;
        if (k == null) {
            k = source.get();
            key = k;
        }
        return k.clone();
    }
}
