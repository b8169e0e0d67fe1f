package io.vitrine.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import io.vitrine.port.ObjectStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Opens the {@link ObjectStore} a model URI names:
 * <ul>
 * <li>{@code file:DIR}: a directory, relative to the working directory or absolute ({@code file:models},
 * {@code file:/var/lib/vitrine/models}); DIR is taken literally, without percent-decoding;</li>
 * <li>{@code file:///abs/path}: the same as a standard file URI (percent-encoded; host empty or
 * {@code localhost});</li>
 * <li>{@code s3://bucket/prefix}: objects under {@code prefix/} in {@code bucket} (prefix optional) on AWS S3 or any
 * S3-compatible store (Alibaba OSS, MinIO), reached as {@link S3Settings} say.</li>
 * </ul>
 *
 * <p>
 * S3 credentials: the {@link S3Settings#staticKeys() static keys} when set; otherwise the first of
 * {@link AlibabaCloudCredentialsProvider} (the {@code ALIBABA_CLOUD_*} variables of Function Compute) and the AWS
 * default chain (environment {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, system
 * properties, web identity, profile files, container and instance roles). The Alibaba variables come first because they
 * are cheap to check and present only on Function Compute or when set on purpose, whereas the AWS chain ends with
 * instance-metadata probes that would only time out there.
 */
public final class ObjectStores {
    /** The accepted forms, for error messages. */
    static final String ACCEPTED_FORMS = "file:DIR (a relative or absolute directory), file:///absolute/path, or"
            + " s3://bucket/prefix (prefix optional)";
    // AWS, OSS and MinIO bucket names: 3 to 63 lowercase letters, digits, dots and hyphens.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    // Created on first use, not in a static initialiser: a native image initialises classes at build time, and the
    // chain must look at the environment of the running function, not of the build machine.
    private static AwsCredentialsProvider defaultChain;

    private ObjectStores() {
    }

    /**
     * Opens the store a URI names. Nothing is contacted yet: an unreachable store shows on first use as
     * {@link io.vitrine.port.StoreUnavailableException}.
     *
     * @param uri {@code file:DIR}, {@code file:///abs/path} or {@code s3://bucket/prefix}
     * @param settings how to reach S3 (ignored for {@code file:} URIs)
     * @return the store; close it to release its S3 client
     * @throws IllegalArgumentException when the URI has another form, with a message naming the accepted ones
     */
    public static ObjectStore open(String uri, S3Settings settings) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("Model URI is empty: expected " + ACCEPTED_FORMS);
        }
        String trimmed = uri.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            return new FileObjectStore(filePath(trimmed));
        }
        if (lower.startsWith("s3://")) {
            S3Location location = s3Location(trimmed);
            if (settings == null) {
                throw new IllegalArgumentException("S3 settings are required for " + trimmed);
            }
            return new S3ObjectStore(s3Client(settings, credentials(settings, defaultChain())), location.bucket(),
                    location.prefix(), true);
        }
        throw new IllegalArgumentException("Unsupported model URI '" + redact(trimmed) + "': expected "
                + ACCEPTED_FORMS);
    }

    /** The client for {@code settings}, with only the JDK URLConnection HTTP client (small, native friendly). */
    static S3Client s3Client(S3Settings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint().isPresent()) {
            // S3-compatible stores (OSS, older MinIO, ...) reject aws-chunked uploads: both the optional flexible
            // checksum trailers the SDK sends by default since 2.30 and chunked payload signing (Alibaba's guide for
            // SDK v2 disables it). Send checksums only where S3 requires them, and whole signed bodies.
            builder.endpointOverride(settings.endpoint().get())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        } else {
            // On AWS, follow a bucket to its own region, so the default region works for any bucket.
            builder.crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    /** The static keys of {@code settings} when set, else {@code chain}. */
    static AwsCredentialsProvider credentials(S3Settings settings, AwsCredentialsProvider chain) {
        return settings.staticKeys()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider
                        .create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .orElse(chain);
    }

    /** The credential chain: {@code alibaba} first, then {@code aws}; the provider that answered is reused. */
    static AwsCredentialsProvider chain(AwsCredentialsProvider alibaba, AwsCredentialsProvider aws) {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(alibaba, aws)
                .reuseLastProviderEnabled(true)
                .build();
    }

    /** One chain per process, so credentials fetched from a role are cached and refreshed once for every store. */
    private static synchronized AwsCredentialsProvider defaultChain() {
        if (defaultChain == null) {
            defaultChain = chain(AlibabaCloudCredentialsProvider.fromSystemEnvironment(),
                    DefaultCredentialsProvider.builder().build());
        }
        return defaultChain;
    }

    private static Path filePath(String uri) {
        String rest = uri.substring("file:".length());
        try {
            if (rest.startsWith("//")) {
                URI parsed = new URI(uri);
                String host = parsed.getRawAuthority();
                if (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
                    throw new IllegalArgumentException("File URI '" + redact(uri) + "' names a host; use"
                            + " file:///absolute/path or file:DIR for a local (or mounted) directory");
                }
                if (parsed.getRawQuery() != null || parsed.getRawFragment() != null || parsed.getPath() == null
                        || parsed.getPath().isEmpty()) {
                    throw new IllegalArgumentException("Invalid model URI '" + redact(uri) + "': expected "
                            + ACCEPTED_FORMS);
                }
                return Path.of(new URI("file", null, parsed.getPath(), null));
            }
            if (rest.isBlank()) {
                throw new IllegalArgumentException("Model URI 'file:' names no directory: expected " + ACCEPTED_FORMS);
            }
            return Path.of(rest);
        } catch (URISyntaxException | InvalidPathException e) {
            throw new IllegalArgumentException("Invalid model URI '" + redact(uri) + "' (" + e.getMessage()
                    + "): expected " + ACCEPTED_FORMS, e);
        }
    }

    private static S3Location s3Location(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid model URI '" + redact(uri) + "' (percent-encode spaces and"
                    + " other special characters): expected " + ACCEPTED_FORMS, e);
        }
        String bucket = parsed.getRawAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("Model URI '" + uri + "' names no bucket: expected " + ACCEPTED_FORMS);
        }
        if (bucket.contains("@")) {
            // Never echo it: the part before '@' would be a key.
            throw new IllegalArgumentException("Model URI must not contain credentials: configure"
                    + " vitrine.storage.s3.* or use the credential chain");
        }
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("Invalid bucket '" + bucket + "' in model URI '" + uri + "': 3 to 63"
                    + " lowercase letters, digits, dots and hyphens (an endpoint or port goes in"
                    + " vitrine.storage.s3.endpoint)");
        }
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("Model URI '" + uri + "' must not have a query or fragment: expected "
                    + ACCEPTED_FORMS);
        }
        String path = parsed.getPath() == null ? "" : parsed.getPath();
        String prefix = path.replaceAll("^/+|/+$", "");
        if (!prefix.isEmpty() && !ObjectKeys.isKey(prefix)) {
            throw new IllegalArgumentException("Invalid prefix '" + prefix + "' in model URI '" + uri
                    + "': '/'-separated segments without '.', '..' or empty ones");
        }
        return new S3Location(bucket, prefix);
    }

    /** Hides a user-info part ({@code scheme://user:secret@host}) before a URI goes into a message. */
    private static String redact(String uri) {
        return uri.replaceFirst("//[^/@]*@", "//****@");
    }

    private record S3Location(String bucket, String prefix) {
    }
}
