package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.Resp;
import io.vitrine.testing.SharedRedis;

/**
 * {@link RedisAccessCheck} against a real server: the documented ACL user passes, a user without a command or without
 * the key prefix is refused with Redis's reason, a stopped server is unreachable, not refused; the README shows the
 * rule the code defines.
 */
class RedisAccessCheckTest {

    @Test
    void theDocumentedUserIsGrantedAndOneWithoutACommandOrThePrefixIsRefused() {
        RedisServerProcess server = SharedRedis.get();
        String password = "pw-" + System.nanoTime();
        setUser(server, "vt-granted", password, RedisAccessCheck.aclRule("granted"));
        setUser(server, "vt-noxadd", password, RedisAccessCheck.aclRule("noxadd") + " -xadd");
        setUser(server, "vt-otherprefix", password, RedisAccessCheck.aclRule("elsewhere"));

        assertThat(check(server, "vt-granted", password, "granted").status())
                .isEqualTo(RedisAccessCheck.Status.GRANTED);
        RedisAccessCheck.Result noXadd = check(server, "vt-noxadd", password, "noxadd");
        assertThat(noXadd.status()).isEqualTo(RedisAccessCheck.Status.REFUSED);
        assertThat(noXadd.detail()).contains("NOPERM").contains("xadd").doesNotContain(password);
        RedisAccessCheck.Result otherPrefix = check(server, "vt-otherprefix", password, "mine");
        assertThat(otherPrefix.status()).isEqualTo(RedisAccessCheck.Status.REFUSED);
        assertThat(otherPrefix.detail()).contains("NOPERM");
        assertThat(check(server, "vt-granted", "wrong-" + password, "granted").detail()).contains("WRONGPASS")
                .doesNotContain(password);
    }

    @Test
    void aStoppedServerIsUnreachableNotRefused() {
        try (RedisServerProcess server = RedisServerProcess.start(false)) {
            RedisCommands redis = RedisClients.commands(server, java.time.Duration.ofMillis(500));
            server.stop();

            assertThat(new RedisAccessCheck(redis, new RedisKeys("vt")).check().status())
                    .isEqualTo(RedisAccessCheck.Status.UNREACHABLE);
        }
    }

    @Test
    void theReadmeShowsTheRuleTheCodeDefines() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(readme).contains("ACL SETUSER vitrine on >PASSWORD " + RedisAccessCheck.aclRule("vitrine"));
    }

    private static void setUser(RedisServerProcess server, String user, String password, String rule) {
        List<Object> command = new ArrayList<>(List.of("ACL", "SETUSER", user, "reset", "on", ">" + password));
        command.addAll(List.of(rule.split(" ")));
        Resp.call(server.port(), command.toArray());
    }

    private static RedisAccessCheck.Result check(RedisServerProcess server, String user, String password,
            String prefix) {
        io.vertx.mutiny.redis.client.Redis client = io.vertx.mutiny.redis.client.Redis.createClient(RedisClients
                .vertx(),
                new io.vertx.redis.client.RedisOptions().setConnectionString("redis://" + user + ":"
                        + password + "@127.0.0.1:" + server.port()));
        try {
            return new RedisAccessCheck(new RedisCommands(client, java.time.Duration.ofSeconds(2)),
                    new RedisKeys(prefix)).check();
        } finally {
            client.close();
        }
    }
}
