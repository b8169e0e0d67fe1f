package io.vitrine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeyRingTest {

    @Test
    void rawAndHashedKeysResolveToTheirRoles() {
        ApiKeyRing ring = new ApiKeyRing(List.of("client-raw", "sha256:" + ApiKeyRing.sha256Hex("client-hashed")),
                List.of(" admin-raw "));

        assertThat(ring.roleOf("client-raw")).contains(ApiKeyRing.Role.CLIENT);
        assertThat(ring.roleOf("client-hashed")).contains(ApiKeyRing.Role.CLIENT);
        assertThat(ring.roleOf("admin-raw")).contains(ApiKeyRing.Role.ADMIN);
        assertThat(ring.roleOf("sha256:" + ApiKeyRing.sha256Hex("client-hashed"))).isEmpty();
        assertThat(ring.roleOf("client-ra")).isEmpty();
        assertThat(ring.roleOf("")).isEmpty();
        assertThat(ring.roleOf(null)).isEmpty();
    }

    @Test
    void malformedDigestIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new ApiKeyRing(List.of("sha256:secretish"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secretish")
                .hasMessageContaining("entry 1");
    }

    @Test
    void aMatchNamesTheKeyByTheStartOfItsConfiguredDigest() {
        String digest = ApiKeyRing.sha256Hex("admin-raw");
        ApiKeyRing ring = new ApiKeyRing(List.of(), List.of("sha256:" + digest));

        assertThat(ring.match("admin-raw")).hasValueSatisfying(m -> {
            assertThat(m.role()).isEqualTo(ApiKeyRing.Role.ADMIN);
            assertThat(m.fingerprint()).isEqualTo("sha256:" + digest.substring(0, 12));
        });
        assertThat(ApiKeyRing.fingerprint("admin-raw")).isEqualTo("sha256:" + digest.substring(0, 12))
                .doesNotContain("admin-raw");
        assertThat(ring.match("other")).isEmpty();
    }
}
