package io.vitrine.storage;

import java.util.Map;
import java.util.function.Function;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Credentials from the variables Alibaba Cloud Function Compute injects for the function's RAM role
 * ({@value #ACCESS_KEY_ID}, {@value #ACCESS_KEY_SECRET}, {@value #SECURITY_TOKEN}), for OSS through its S3-compatible
 * API. With a security token they are temporary (STS) session credentials; without one, a long-lived key pair.
 *
 * <p>
 * The variables are read on every call, so rotated values are picked up. When they are not set, the provider throws
 * {@link SdkClientException}, which lets a credentials chain move on to its next provider. Values are never logged or
 * put in messages.
 */
public final class AlibabaCloudCredentialsProvider implements AwsCredentialsProvider {
    /** Access key id variable. */
    public static final String ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    /** Access key secret variable. */
    public static final String ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    /** STS security token variable (present for role credentials). */
    public static final String SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

    private final Function<String, String> environment;

    private AlibabaCloudCredentialsProvider(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Reads the process environment. */
    public static AlibabaCloudCredentialsProvider fromSystemEnvironment() {
        return new AlibabaCloudCredentialsProvider(System::getenv);
    }

    /** Reads the given variables instead of the process environment (tests, embedding), at every call. */
    public static AlibabaCloudCredentialsProvider fromEnvironment(Map<String, String> environment) {
        return new AlibabaCloudCredentialsProvider(environment::get);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        String id = value(ACCESS_KEY_ID);
        String secret = value(ACCESS_KEY_SECRET);
        if (id == null || secret == null) {
            throw SdkClientException.create("Alibaba Cloud credentials not found: " + ACCESS_KEY_ID + " and "
                    + ACCESS_KEY_SECRET + " must both be set (" + (id == null ? ACCESS_KEY_ID : ACCESS_KEY_SECRET)
                    + " is missing)");
        }
        String token = value(SECURITY_TOKEN);
        return token == null ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token);
    }

    @Override
    public String toString() {
        return "AlibabaCloudCredentialsProvider()";
    }

    private String value(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
