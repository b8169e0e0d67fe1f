package io.vitrine.storage;

import static io.vitrine.storage.AlibabaCloudCredentialsProvider.ACCESS_KEY_ID;
import static io.vitrine.storage.AlibabaCloudCredentialsProvider.ACCESS_KEY_SECRET;
import static io.vitrine.storage.AlibabaCloudCredentialsProvider.SECURITY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The Function Compute credential variables, read from an injected environment. */
class AlibabaCloudCredentialsProviderTest {

    @Test
    void aSecurityTokenMakesSessionCredentials() {
        AwsCredentials credentials = AlibabaCloudCredentialsProvider.fromEnvironment(Map.of(
                ACCESS_KEY_ID, "STS.NUx1", ACCESS_KEY_SECRET, "secret-1", SECURITY_TOKEN, "token-1"))
                .resolveCredentials();

        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        AwsSessionCredentials session = (AwsSessionCredentials) credentials;
        assertThat(session.accessKeyId()).isEqualTo("STS.NUx1");
        assertThat(session.secretAccessKey()).isEqualTo("secret-1");
        assertThat(session.sessionToken()).isEqualTo("token-1");
    }

    @Test
    void withoutATokenTheKeyPairIsUsedAsIs() {
        AwsCredentials credentials = AlibabaCloudCredentialsProvider.fromEnvironment(Map.of(
                ACCESS_KEY_ID, "LTAI5t", ACCESS_KEY_SECRET, "secret-2", SECURITY_TOKEN, " "))
                .resolveCredentials();

        assertThat(credentials).isNotInstanceOf(AwsSessionCredentials.class);
        assertThat(credentials.accessKeyId()).isEqualTo("LTAI5t");
        assertThat(credentials.secretAccessKey()).isEqualTo("secret-2");
    }

    @Test
    void missingVariablesLetAChainMoveOnWithoutRevealingValues() {
        assertThatThrownBy(() -> AlibabaCloudCredentialsProvider.fromEnvironment(Map.of()).resolveCredentials())
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining(ACCESS_KEY_ID);
        assertThatThrownBy(() -> AlibabaCloudCredentialsProvider
                .fromEnvironment(Map.of(ACCESS_KEY_SECRET, "secret-3"))
                .resolveCredentials())
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining(ACCESS_KEY_ID)
                .hasMessageNotContaining("secret-3");
        assertThatThrownBy(() -> AlibabaCloudCredentialsProvider
                .fromEnvironment(Map.of(ACCESS_KEY_ID, "LTAI5t", SECURITY_TOKEN, "token-3"))
                .resolveCredentials())
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining(ACCESS_KEY_SECRET + " is missing")
                .hasMessageNotContaining("token-3");
    }

    @Test
    void rotatedValuesArePickedUp() {
        Map<String, String> env = new HashMap<>(Map.of(ACCESS_KEY_ID, "first-id", ACCESS_KEY_SECRET, "first-secret",
                SECURITY_TOKEN, "first-token"));
        AlibabaCloudCredentialsProvider provider = AlibabaCloudCredentialsProvider.fromEnvironment(env);
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("first-id");

        env.putAll(Map.of(ACCESS_KEY_ID, "second-id", ACCESS_KEY_SECRET, "second-secret", SECURITY_TOKEN,
                "second-token"));

        AwsSessionCredentials rotated = (AwsSessionCredentials) provider.resolveCredentials();
        assertThat(rotated.accessKeyId()).isEqualTo("second-id");
        assertThat(rotated.sessionToken()).isEqualTo("second-token");
        assertThat(provider.toString()).doesNotContain("second-id", "second-secret", "second-token");
    }
}
