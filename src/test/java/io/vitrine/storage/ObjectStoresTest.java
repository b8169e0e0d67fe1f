package io.vitrine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vitrine.port.ObjectStore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Model URI parsing, S3 settings and the choice of credentials. */
class ObjectStoresTest {
    private static final S3Settings SETTINGS = S3Settings.defaults();

    @Test
    void fileColonDirIsARelativeOrAbsoluteDirectory() {
        assertThat(fileBase("file:models")).isEqualTo(Path.of("models").toAbsolutePath());
        assertThat(fileBase("file:./data/models")).isEqualTo(Path.of("data/models").toAbsolutePath());
        assertThat(fileBase("file:/var/lib/vitrine/models")).isEqualTo(Path.of("/var/lib/vitrine/models"));
        assertThat(fileBase("file:/var/lib/my models")).as("taken literally").isEqualTo(Path.of("/var/lib/my models"));
        assertThat(fileBase("  file:models\n")).isEqualTo(Path.of("models").toAbsolutePath());
    }

    @Test
    void fileUrisWithAnEmptyOrLocalHostAreAbsolutePaths() {
        assertThat(fileBase("file:///var/lib/vitrine/models")).isEqualTo(Path.of("/var/lib/vitrine/models"));
        assertThat(fileBase("file://localhost/var/models/")).isEqualTo(Path.of("/var/models"));
        assertThat(fileBase("file:///var/my%20models")).as("percent-decoded").isEqualTo(Path.of("/var/my models"));
        assertThat(fileBase("FILE:///var/models")).isEqualTo(Path.of("/var/models"));
    }

    @Test
    void s3UrisNameABucketAndAnOptionalPrefix() {
        assertS3("s3://models-prod/vitrine/ranker", "models-prod", "vitrine/ranker");
        assertS3("s3://models-prod/vitrine/ranker/", "models-prod", "vitrine/ranker");
        assertS3("s3://models-prod", "models-prod", "");
        assertS3("s3://models-prod/", "models-prod", "");
        assertS3("S3://my.bucket-1/a", "my.bucket-1", "a");
        assertS3("s3://b12/a%20b/c", "b12", "a b/c");
    }

    @Test
    void s3LocationsPrintAsTheUriThatOpensThem() {
        try (ObjectStore store = ObjectStores.open("s3://models-prod/vitrine/ranker/", SETTINGS)) {
            assertThat(store.location()).isEqualTo(URI.create("s3://models-prod/vitrine/ranker"));
        }
        try (ObjectStore store = ObjectStores.open("s3://b12/a%20b", SETTINGS)) {
            assertThat(store.location().toString()).isEqualTo("s3://b12/a%20b");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"models", "/var/models", "./models", "http://example.com/models",
            "https://bucket.s3.amazonaws.com/models", "oss://bucket/models", "gs://bucket/models", "s3:bucket/models",
            "s3:/bucket/models", "ftp://host/models"})
    void otherFormsAreRejectedWithTheAcceptedOnesNamed(String uri) {
        assertThatThrownBy(() -> ObjectStores.open(uri, SETTINGS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:DIR")
                .hasMessageContaining("file:///absolute/path")
                .hasMessageContaining("s3://bucket/prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "file:", "file:  ", "file://", "file://server/share/models",
            "file:///var/models?x=1", "s3://", "s3:///models", "s3://Models/x", "s3://my_bucket/x", "s3://ab/x",
            "s3://bucket:9000/x", "s3://bucket/a/../b", "s3://bucket/a//b", "s3://bucket/x?versionId=1",
            "s3://bucket/x#frag", "s3://bucket/a b"})
    void malformedFileAndS3UrisAreRejected(String uri) {
        assertThatThrownBy(() -> ObjectStores.open(uri, SETTINGS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> ObjectStores.open(null, SETTINGS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://bucket/prefix");
    }

    @Test
    void credentialsInAUriAreRefusedAndNeverEchoed() {
        assertThatThrownBy(() -> ObjectStores.open("s3://AKIDEXAMPLE:s3cr3t-value@bucket/models", SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentials")
                .hasMessageNotContaining("s3cr3t-value");
        assertThatThrownBy(() -> ObjectStores.open("https://user:s3cr3t-value@example.com/models", SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t-value");
        assertThatThrownBy(() -> ObjectStores.open("file://user:s3cr3t-value@host/models", SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t-value");
    }

    @Test
    void settingsValidateTheirValues() {
        assertThatThrownBy(() -> new S3Settings(Optional.empty(), " ", false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Settings(Optional.of(URI.create("minio:9000")), "us-east-1", true,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> new S3Settings(Optional.of(URI.create("http://key:s3cr3t-value@minio:9000")),
                "us-east-1", true, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t-value");
        assertThatThrownBy(() -> new S3Settings.StaticKeys("id", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3Settings.StaticKeys(null, "secret"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsNeverPrintTheSecret() {
        S3Settings settings = new S3Settings(Optional.of(URI.create("http://127.0.0.1:9000")), "us-east-1", true,
                Optional.of(new S3Settings.StaticKeys("AKIDEXAMPLE", "s3cr3t-value")));

        assertThat(settings.toString()).contains("AKIDEXAMPLE", "127.0.0.1:9000").doesNotContain("s3cr3t-value");
        assertThat(settings.staticKeys().orElseThrow().toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void staticKeysWinOverTheChain() {
        AwsCredentialsProvider chain = StaticCredentialsProvider.create(AwsBasicCredentials.create("chain", "c"));
        S3Settings withKeys = new S3Settings(Optional.empty(), "us-east-1", false,
                Optional.of(new S3Settings.StaticKeys("static-id", "static-secret")));

        AwsCredentials resolved = ObjectStores.credentials(withKeys, chain).resolveCredentials();

        assertThat(resolved.accessKeyId()).isEqualTo("static-id");
        assertThat(resolved.secretAccessKey()).isEqualTo("static-secret");
        assertThat(ObjectStores.credentials(SETTINGS, chain)).isSameAs(chain);
    }

    @Test
    void theChainPrefersFunctionComputeVariables() {
        AwsCredentialsProvider aws = StaticCredentialsProvider.create(AwsBasicCredentials.create("aws-id", "aws"));
        AlibabaCloudCredentialsProvider alibaba = AlibabaCloudCredentialsProvider.fromEnvironment(Map.of(
                AlibabaCloudCredentialsProvider.ACCESS_KEY_ID, "STS.ali-id",
                AlibabaCloudCredentialsProvider.ACCESS_KEY_SECRET, "ali-secret",
                AlibabaCloudCredentialsProvider.SECURITY_TOKEN, "ali-token"));

        AwsCredentials resolved = ObjectStores.chain(alibaba, aws).resolveCredentials();

        assertThat(resolved).isInstanceOf(AwsSessionCredentials.class);
        assertThat(resolved.accessKeyId()).isEqualTo("STS.ali-id");
        assertThat(((AwsSessionCredentials) resolved).sessionToken()).isEqualTo("ali-token");
    }

    @Test
    void theChainFallsBackToAwsWithoutFunctionComputeVariables() {
        AwsCredentialsProvider aws = StaticCredentialsProvider.create(AwsBasicCredentials.create("aws-id", "aws"));
        AlibabaCloudCredentialsProvider alibaba = AlibabaCloudCredentialsProvider.fromEnvironment(Map.of());

        assertThat(ObjectStores.chain(alibaba, aws).resolveCredentials().accessKeyId()).isEqualTo("aws-id");
    }

    @Test
    void factorySettingsComeFromTheConfiguration() {
        S3Settings settings = ObjectStoreFactory.settings(s3Config(Optional.of(URI.create("http://minio:9000")),
                "oss-cn-hangzhou", true, Optional.of("id"), Optional.of("secret")));

        assertThat(settings.endpoint()).contains(URI.create("http://minio:9000"));
        assertThat(settings.region()).isEqualTo("oss-cn-hangzhou");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.staticKeys()).contains(new S3Settings.StaticKeys("id", "secret"));
        assertThat(ObjectStoreFactory.settings(s3Config(Optional.empty(), "us-east-1", false, Optional.empty(),
                Optional.of(" "))).staticKeys()).as("blank counts as unset").isEmpty();
    }

    @Test
    void factoryRefusesHalfAKeyPair() {
        assertThatThrownBy(() -> ObjectStoreFactory.settings(s3Config(Optional.empty(), "us-east-1", false,
                Optional.of("id"), Optional.empty()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vitrine.storage.s3.secret-access-key");
        assertThatThrownBy(() -> ObjectStoreFactory.settings(s3Config(Optional.empty(), "us-east-1", false,
                Optional.empty(), Optional.of("s3cr3t-value")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t-value");
    }

    private static Path fileBase(String uri) {
        try (ObjectStore store = ObjectStores.open(uri, SETTINGS)) {
            assertThat(store).isInstanceOf(FileObjectStore.class);
            return ((FileObjectStore) store).base();
        }
    }

    private static void assertS3(String uri, String bucket, String prefix) {
        try (ObjectStore store = ObjectStores.open(uri, SETTINGS)) {
            assertThat(store).isInstanceOf(S3ObjectStore.class);
            assertThat(((S3ObjectStore) store).bucket()).isEqualTo(bucket);
            assertThat(((S3ObjectStore) store).prefix()).isEqualTo(prefix);
        }
    }

    private static StorageConfig.S3 s3Config(Optional<URI> endpoint, String region, boolean pathStyle,
            Optional<String> accessKeyId, Optional<String> secretAccessKey) {
        return new StorageConfig.S3() {
            @Override
            public Optional<URI> endpoint() {
                return endpoint;
            }

            @Override
            public String region() {
                return region;
            }

            @Override
            public boolean pathStyle() {
                return pathStyle;
            }

            @Override
            public Optional<String> accessKeyId() {
                return accessKeyId;
            }

            @Override
            public Optional<String> secretAccessKey() {
                return secretAccessKey;
            }
        };
    }
}
