package io.vitrine.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.vitrine.port.ObjectStore;
import io.vitrine.port.StoreUnavailableException;

/**
 * An {@link ObjectStore} in a local (or mounted) directory: key {@code a/b} is the file {@code <base>/a/b}.
 *
 * <p>
 * {@link #put} writes a temporary file in the target's directory, flushes it to disk and renames it over the target
 * with an atomic move, so readers see the old or the new file whole. A file system that cannot rename atomically fails
 * the write rather than risk a torn object. Temporary files left by a crash are named {@code .vitrine-tmp-*} and are
 * never listed. The base directory is created on the first write, so a read-only reader never creates it.
 *
 * <p>
 * Unlike S3, a directory cannot hold an object and a "subdirectory" of the same name: after {@code put("a", ..)},
 * {@code put("a/b", ..)} fails with {@link StoreUnavailableException} (and {@code get("a/b")} is empty), and the other
 * way round. Bundles never use such keys. The file system's own limits also apply (often 255 bytes per segment).
 */
public final class FileObjectStore implements ObjectStore {
    private final Path base;
    private final URI location;

    /** @param base the directory; relative paths resolve against the working directory now */
    public FileObjectStore(Path base) {
        this.base = base.toAbsolutePath().normalize();
        // Path.toUri() adds a trailing slash only when the directory already exists; make the location stable.
        String uri = this.base.toUri().toString();
        this.location = URI.create(uri.endsWith("/") && this.base.getParent() != null
                ? uri.substring(0, uri.length() - 1)
                : uri);
    }

    /** The absolute, normalised base directory. */
    public Path base() {
        return base;
    }

    @Override
    public URI location() {
        return location;
    }

    @Override
    public void put(String key, byte[] content) {
        Path target = resolve(key);
        Path temp = target.resolveSibling(ObjectKeys.RESERVED_SEGMENT_PREFIX + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            // Default permissions (umask), not createTempFile's owner-only ones: a reader running as another user
            // (the serving process beside a training job) must be able to read the object.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // On disk before the rename makes it visible: a crash never leaves a visible but empty object.
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.getParent());
        } catch (IOException e) {
            deleteQuietly(temp);
            throw unavailable("write", key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path file = resolve(key);
        try {
            if (Files.isDirectory(file)) {
                return Optional.empty(); // only a "prefix" of other keys, as in S3
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException absent) {
            return Optional.empty(); // missing, or deleted meanwhile
        } catch (IOException e) {
            if (underAFile(file)) {
                return Optional.empty();
            }
            throw unavailable("read", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        ObjectKeys.requirePrefix(prefix);
        // Walk only the deepest directory the prefix names, then filter by the plain string prefix.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? base : base.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            if (start.equals(base) && Files.exists(base)) {
                throw new StoreUnavailableException("Cannot list '" + prefix + "' in " + base
                        + ": not a directory", null);
            }
            return List.of(); // nothing written yet, or no key has this prefix
        }
        List<String> keys = new ArrayList<>();
        try {
            // Following links lets the base (or a version directory) be a symbolic link, as mounts often are;
            // loops are reported to visitFileFailed and skipped.
            Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile()) {
                                String key = keyOf(file);
                                if (key.startsWith(prefix) && ObjectKeys.isKey(key)) {
                                    keys.add(key);
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (e instanceof NoSuchFileException || e instanceof FileSystemLoopException) {
                                return FileVisitResult.CONTINUE; // deleted while walking, or a link loop
                            }
                            throw e;
                        }
                    });
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw unavailable("list", prefix, e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) {
        Path file = resolve(key);
        try {
            if (!Files.isDirectory(file)) {
                Files.deleteIfExists(file);
            }
            // Empty parent directories stay: removing them could race with a concurrent put into the same directory.
        } catch (IOException e) {
            if (!underAFile(file)) {
                throw unavailable("delete", key, e);
            }
        }
    }

    @Override
    public String toString() {
        return "FileObjectStore[" + base + "]";
    }

    private Path resolve(String key) {
        ObjectKeys.requireKey(key);
        Path file = base.resolve(key).normalize();
        // The key rules already exclude escapes; this guards against platform path syntax (drive letters).
        if (!file.startsWith(base) || file.equals(base)) {
            throw new IllegalArgumentException("Invalid object key '" + key + "': resolves outside " + base);
        }
        return file;
    }

    /**
     * Whether a parent of {@code file} below the base is a regular file ("Not a directory"): then there is no object
     * under the key, which is an absence, not a failure.
     */
    private boolean underAFile(Path file) {
        for (Path dir = file.getParent(); dir != null && dir.startsWith(base) && !dir.equals(base); dir = dir
                .getParent()) {
            if (Files.isRegularFile(dir)) {
                return true;
            }
        }
        return false;
    }

    private String keyOf(Path file) {
        Path relative = base.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path segment : relative) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(segment);
        }
        return key.toString();
    }

    private StoreUnavailableException unavailable(String action, String key, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied" : e.toString();
        return new StoreUnavailableException("Cannot " + action + " '" + key + "' in " + base + ": " + reason, e);
    }

    /** Makes the rename durable where the platform allows it (Linux, macOS); a no-op elsewhere. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open directories; the rename itself has happened, only its durability is weaker.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file is never listed or read.
        }
    }
}
