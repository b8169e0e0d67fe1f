package io.vitrine.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vitrine.port.ObjectStore;
import io.vitrine.port.ObjectStoreContract;
import io.vitrine.port.StoreUnavailableException;

/** The object store contract on a directory, plus what is particular to files. */
class FileObjectStoreTest extends ObjectStoreContract {
    @TempDir
    Path dir;

    @Override
    protected ObjectStore newStore() {
        return new FileObjectStore(dir.resolve("models"));
    }

    @Override
    protected S3Settings settings() {
        return S3Settings.defaults();
    }

    @Test
    void writesTheFilesTheKeysNameAndNothingElse() throws IOException {
        for (int i = 0; i < 5; i++) {
            store().put("v1/model.tribuo", new byte[]{(byte) i});
        }
        store().put("LATEST", "v1".getBytes(UTF_8));

        assertThat(files(dir.resolve("models"))).containsExactlyInAnyOrder("LATEST", "v1/model.tribuo");
        assertThat(Files.readString(dir.resolve("models/LATEST"))).isEqualTo("v1");
    }

    @Test
    void neverListsTemporaryFilesLeftByACrash() throws IOException {
        store().put("v1/model.tribuo", new byte[]{1});
        Files.write(dir.resolve("models/v1/.vitrine-tmp-0d2c"), new byte[]{9});

        assertThat(store().list("")).containsExactly("v1/model.tribuo");
        assertThat(store().list("v1/")).containsExactly("v1/model.tribuo");
    }

    @Test
    void locationIsTheAbsoluteDirectoryAsAFileUri() throws IOException {
        FileObjectStore store = new FileObjectStore(dir.resolve("models"));
        assertThat(store.location().toString()).isEqualTo(dir.resolve("models")
                .toUri()
                .toString()
                .replaceAll("/$", ""));

        store.put("LATEST", new byte[]{1});

        assertThat(new FileObjectStore(dir.resolve("models")).location()).as("stable once the directory exists")
                .isEqualTo(store.location());
        assertThat(new FileObjectStore(Path.of("relative/models")).base())
                .isEqualTo(Path.of("").toAbsolutePath().resolve("relative/models"));
    }

    @Test
    void readingNeverCreatesTheDirectory() {
        FileObjectStore store = new FileObjectStore(dir.resolve("absent"));

        assertThat(store.get("LATEST")).isEmpty();
        assertThat(store.list("")).isEmpty();
        store.delete("LATEST");

        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void followsASymbolicallyLinkedBaseDirectory() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        new FileObjectStore(real).put("v1/model.tribuo", new byte[]{1});

        FileObjectStore linked = new FileObjectStore(link);

        assertThat(linked.list("")).containsExactly("v1/model.tribuo");
        assertThat(linked.list("v1/")).containsExactly("v1/model.tribuo");
        assertThat(linked.get("v1/model.tribuo")).isPresent();
    }

    @Test
    void anObjectCannotAlsoBeADirectory() {
        store().put("v1", new byte[]{1});

        assertThat(store().get("v1/model.tribuo")).isEmpty();
        store().delete("v1/model.tribuo");
        assertThatThrownBy(() -> store().put("v1/model.tribuo", new byte[]{2}))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("v1/model.tribuo");
        assertThat(store().get("v1")).hasValueSatisfying(b -> assertThat(b).containsExactly(1));
    }

    @Test
    void reportsAnUnusableBaseAsUnavailable() throws IOException {
        Path notADirectory = Files.write(dir.resolve("file"), new byte[]{1});
        FileObjectStore store = new FileObjectStore(notADirectory);

        assertThatThrownBy(() -> store.put("LATEST", new byte[]{1})).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(notADirectory.toString());
        assertThatThrownBy(() -> store.get("LATEST")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.list("")).isInstanceOf(StoreUnavailableException.class);
    }

    private static List<String> files(Path base) throws IOException {
        try (Stream<Path> paths = Files.walk(base)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> base.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
