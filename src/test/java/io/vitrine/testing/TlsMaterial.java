package io.vitrine.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and a server certificate it signed (for {@code 127.0.0.1} and {@code localhost}),
 * made with the {@code openssl} command for tests of TLS connections. Neither BouncyCastle nor another certificate
 * builder is on the test classpath, and the JDK has no public API to sign certificates; where {@code openssl} is
 * missing, {@link #available()} is false and TLS tests skip their TLS part.
 */
public final class TlsMaterial {
    private final Path dir;

    private TlsMaterial(Path dir) {
        this.dir = dir;
    }

    /** Whether {@code openssl} is on {@code PATH}. */
    public static boolean available() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "openssl"))) {
                return true;
            }
        }
        return false;
    }

    /** Generates the CA and the server certificate (RSA 2048, valid two days) in a new temporary directory. */
    public static TlsMaterial generate() {
        try {
            Path dir = Files.createTempDirectory("vitrine-tls-");
            dir.toFile().deleteOnExit();
            Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            run(dir, "openssl", "req", "-x509", "-new", "-nodes", "-newkey", "rsa:2048", "-keyout", "ca.key", "-out",
                    "ca.crt", "-days", "2", "-subj", "/CN=Vitrine test CA");
            run(dir, "openssl", "req", "-new", "-nodes", "-newkey", "rsa:2048", "-keyout", "server.key", "-out",
                    "server.csr", "-subj", "/CN=localhost");
            run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "san.ext");
            for (String name : List.of("san.ext", "ca.key", "ca.crt", "ca.srl", "server.csr", "server.key",
                    "server.crt")) {
                dir.resolve(name).toFile().deleteOnExit();
            }
            return new TlsMaterial(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CA certificate (PEM) clients trust. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** The server certificate (PEM). */
    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    /** The server's private key (PEM). */
    public Path serverKey() {
        return dir.resolve("server.key");
    }

    private static void run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
