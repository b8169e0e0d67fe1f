package io.vitrine.port;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vitrine.storage.ObjectStores;
import io.vitrine.storage.S3Settings;

/**
 * The behaviour every {@link ObjectStore} must have. Subclasses provide a fresh, empty store that no other test uses,
 * and the settings under which {@link ObjectStores#open} reaches the same place from its
 * {@link ObjectStore#location()}.
 */
public abstract class ObjectStoreContract {
    private ObjectStore store;

    /** A fresh, empty store of its own. */
    protected abstract ObjectStore newStore();

    /** Settings that let {@link ObjectStores#open} reach the stores of this implementation. */
    protected abstract S3Settings settings();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** The store of the current test. */
    protected ObjectStore store() {
        return store;
    }

    @Test
    void returnsWhatWasPutByteForByte() {
        byte[] everyByte = new byte[512];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }

        store.put("v1/model.tribuo", everyByte);

        assertThat(store.get("v1/model.tribuo")).hasValueSatisfying(b -> assertThat(b).isEqualTo(everyByte));
    }

    @Test
    void storesEmptyObjects() {
        store.put("empty", new byte[0]);

        assertThat(store.get("empty")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(store.list("")).containsExactly("empty");
    }

    @Test
    void storesLargeObjects() {
        byte[] fiveMegabytes = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(fiveMegabytes);

        store.put("v1/model.tribuo", fiveMegabytes);

        assertThat(store.get("v1/model.tribuo")).hasValueSatisfying(b -> assertThat(b).isEqualTo(fiveMegabytes));
    }

    @Test
    void putReplacesTheWholeObject() {
        store.put("LATEST", "20261120T1200Z-long-version".getBytes(UTF_8));

        store.put("LATEST", "v2".getBytes(UTF_8));

        assertThat(store.get("LATEST")).hasValueSatisfying(b -> assertThat(new String(b, UTF_8)).isEqualTo("v2"));
        assertThat(store.list("")).containsExactly("LATEST");
    }

    @Test
    void absentObjectsReadAsEmpty() {
        store.put("v1/manifest.json", "{}".getBytes(UTF_8));

        assertThat(store.get("LATEST")).isEmpty();
        assertThat(store.get("v1/model.tribuo")).isEmpty();
        assertThat(store.get("v2/manifest.json")).isEmpty();
        assertThat(store.get("v1")).as("a prefix of other keys is not an object").isEmpty();
    }

    @Test
    void listsEveryKeySortedAndRelativeToTheBase() {
        List<String> keys = new ArrayList<>(List.of("LATEST", "v2/model.tribuo", "v10/manifest.json",
                "v1/manifest.json", "v1/model.tribuo", "v1/recall/popular.json", "v1/recall/co-view.json"));
        Collections.shuffle(keys, new Random(7));
        for (String key : keys) {
            store.put(key, key.getBytes(UTF_8));
        }

        assertThat(store.list("")).containsExactly("LATEST", "v1/manifest.json", "v1/model.tribuo",
                "v1/recall/co-view.json", "v1/recall/popular.json", "v10/manifest.json", "v2/model.tribuo");
    }

    @Test
    void listsOnlyKeysUnderThePrefix() {
        for (String key : List.of("LATEST", "v1/manifest.json", "v1/recall/popular.json", "v10/manifest.json",
                "v2/model.tribuo")) {
            store.put(key, key.getBytes(UTF_8));
        }

        assertThat(store.list("v1/")).containsExactly("v1/manifest.json", "v1/recall/popular.json");
        assertThat(store.list("v1/recall/")).containsExactly("v1/recall/popular.json");
        assertThat(store.list("v1")).as("a plain string prefix, as in S3")
                .containsExactly("v1/manifest.json", "v1/recall/popular.json", "v10/manifest.json");
        assertThat(store.list("v1/man")).containsExactly("v1/manifest.json");
        assertThat(store.list("LATEST")).containsExactly("LATEST");
        assertThat(store.list("v3/")).isEmpty();
        assertThat(store.list("LATEST/")).isEmpty();
    }

    @Test
    void listsNothingInAnEmptyStore() {
        assertThat(store.list("")).isEmpty();
        assertThat(store.list("v1/")).isEmpty();
    }

    @Test
    void deleteRemovesOneObjectAndIgnoresAbsentOnes() {
        store.put("v1/model.tribuo", new byte[]{1});
        store.put("v1/manifest.json", new byte[]{2});

        store.delete("v1/model.tribuo");
        store.delete("v1/model.tribuo");
        store.delete("never/written");

        assertThat(store.get("v1/model.tribuo")).isEmpty();
        assertThat(store.get("v1/manifest.json")).hasValueSatisfying(b -> assertThat(b).containsExactly(2));
        assertThat(store.list("")).containsExactly("v1/manifest.json");
    }

    @Test
    void keepsKeysWithSpacesAndNonAsciiCharactersExact() {
        String key = "v 1/Modell für Ärger+plus=eq&amp%20;~.json";

        store.put(key, new byte[]{7});

        assertThat(store.get(key)).hasValueSatisfying(b -> assertThat(b).containsExactly(7));
        assertThat(store.list("")).containsExactly(key);
        assertThat(store.list("v 1/Modell f")).containsExactly(key);
        store.delete(key);
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void itsLocationOpensTheSameObjects() {
        store.put("v1/manifest.json", "{}".getBytes(UTF_8));

        try (ObjectStore reopened = ObjectStores.open(store.location().toString(), settings())) {
            assertThat(reopened.location()).isEqualTo(store.location());
            assertThat(reopened.get("v1/manifest.json")).isPresent();
            reopened.put("LATEST", "v1".getBytes(UTF_8));
        }
        assertThat(store.list("")).containsExactly("LATEST", "v1/manifest.json");
    }

    static Stream<String> invalidKeys() {
        return Stream.of("", " ", "/abs", "v1/", "v1//model", ".", "./v1", "v1/./model", "..", "../v1",
                "v1/../../etc", "v1\\model", "v1/mo\u0000del", "line\nbreak", "x".repeat(1025), ".vitrine-tmp-1",
                "v1/.vitrine-tmp-abc");
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void rejectsInvalidKeysEverywhere(String key) {
        assertThatThrownBy(() -> store.put(key, new byte[]{1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("")).as("nothing was written").isEmpty();
    }

    @Test
    void rejectsNullKeys() {
        assertThatThrownBy(() -> store.put(null, new byte[]{1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1", "../", "v1/../", "v1//", "v1\\", "./"})
    void rejectsPrefixesNoValidKeyStartsWith(String prefix) {
        assertThatThrownBy(() -> store.list(prefix)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsKeysUpTo1024Bytes() {
        // Segments of 100 characters: file systems limit a single name (often to 255 bytes), not the path.
        String longest = "k/" + ("x".repeat(100) + "/").repeat(10) + "y".repeat(12);
        assertThat(longest.getBytes(UTF_8)).hasSize(1024);

        store.put(longest, new byte[]{1});

        assertThat(store.list("k/")).containsExactly(longest);
        assertThatThrownBy(() -> store.put(longest + "z", new byte[]{1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readersOfAnObjectBeingReplacedSeeTheOldOrTheNewContentWhole() throws Exception {
        byte[] first = filled('a', 256 * 1024);
        byte[] second = filled('b', 192 * 1024 + 13);
        String key = "v1/model.tribuo";
        store.put(key, first);
        int readers = 3;
        int writes = 40;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            AtomicBoolean writing = new AtomicBoolean(true);
            CountDownLatch started = new CountDownLatch(readers);
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                results.add(pool.submit(() -> {
                    started.countDown();
                    int reads = 0;
                    do {
                        byte[] seen = store.get(key)
                                .orElseThrow(() -> new AssertionError("object missing while being replaced"));
                        if (!Arrays.equals(seen, first) && !Arrays.equals(seen, second)) {
                            throw new AssertionError("torn read: " + describe(seen));
                        }
                        reads++;
                    } while (writing.get());
                    return reads;
                }));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < writes; i++) {
                store.put(key, i % 2 == 0 ? second : first);
            }
            writing.set(false);
            int reads = 0;
            for (Future<Integer> result : results) {
                reads += result.get(60, TimeUnit.SECONDS); // rethrows a reader's AssertionError
            }
            assertThat(reads).isGreaterThanOrEqualTo(readers);
            // The last write (i = 39) put the first content back.
            assertThat(store.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(first));
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] filled(char c, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static String describe(byte[] bytes) {
        long a = 0;
        long b = 0;
        for (byte value : bytes) {
            if (value == 'a') {
                a++;
            } else if (value == 'b') {
                b++;
            }
        }
        return bytes.length + " bytes, " + a + " 'a', " + b + " 'b', " + (bytes.length - a - b) + " other";
    }
}
