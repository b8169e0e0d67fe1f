package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vitrine.port.Deadline;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.SharedRedis;

/** Round trips honour the stage budget of {@link Deadline}, which may be shorter than the configured timeout. */
class RedisCommandsTest {
    private static final RedisCommands STANDALONE = RedisClients.commands(SharedRedis.get());

    /** The Redis the stores under test use: the shared standalone server here, the shared cluster in a subclass. */
    protected RedisCommands redis() {
        return STANDALONE;
    }

    @Test
    void aRoundTripEndsAtTheStageBudget() {
        String key = RedisClients.isolatedKeys().user("nobody") + ":blocking";
        // BLPOP on an empty list answers after 2 s; the stage allows 200 ms.
        long start = System.nanoTime();
        assertThatThrownBy(() -> Deadline.within("test", Duration.ofMillis(200),
                () -> redis().send(Request.cmd(Command.BLPOP).arg(key).arg(2))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("test");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_500);
    }

    @Test
    void withinItsBudgetARoundTripAnswers() {
        String key = RedisClients.isolatedKeys().user("somebody") + ":value";
        redis().send(Request.cmd(Command.SET).arg(key).arg("v"));

        assertThat(Deadline.within("test", Duration.ofSeconds(5),
                () -> redis().send(Request.cmd(Command.GET).arg(key)).toString())).isEqualTo("v");
    }

    @Test
    void aWrongCommandIsABugNotAnOutage() {
        String key = RedisClients.isolatedKeys().user("typed") + ":text";
        redis().send(Request.cmd(Command.SET).arg(key).arg("not a number"));

        // Reported as what it is, so the HTTP edge answers 500 with an error id instead of a silent degraded answer.
        assertThatThrownBy(() -> redis().send(Request.cmd(Command.INCR).arg(key)))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not an integer");
    }

    @Test
    void aStoppedRedisIsAnOutage() {
        try (RedisServerProcess server = RedisServerProcess.start(false)) {
            RedisCommands commands = RedisClients.commands(server);
            commands.send(Request.cmd(Command.PING));
            server.stop();

            assertThatThrownBy(() -> commands.send(Request.cmd(Command.PING)))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void loadingAndFailoverRepliesAreOutages() {
        assertThat(RedisCommands.unavailable(ErrorType.create("LOADING Redis is loading the dataset in memory")))
                .isTrue();
        assertThat(RedisCommands.unavailable(new RuntimeException(ErrorType.create("READONLY You can't write"))))
                .isTrue();
        assertThat(RedisCommands.unavailable(ErrorType.create("ERR [0] LOADING Redis is loading the dataset in"
                + " memory\nERR [1] LOADING Redis is loading the dataset in memory"))).as("a batch's replies").isTrue();
        assertThat(RedisCommands.unavailable(ErrorType.create("ERR [0] WRONGTYPE Operation against a key"))).isFalse();
        assertThat(RedisCommands.unavailable(ErrorType.create("WRONGTYPE Operation against a key"))).isFalse();
        assertThat(RedisCommands.unavailable(new NullPointerException())).isFalse();
    }
}
