package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.ExperimentStatus;
import io.vitrine.experiment.Variant;
import io.vitrine.port.ExperimentStore;
import io.vitrine.port.ExperimentStoreContract;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.SharedRedis;

/** The experiment store contract against a real redis-server. */
class RedisExperimentStoreTest extends ExperimentStoreContract {
    private static final RedisCommands STANDALONE = RedisClients.commands(SharedRedis.get());

    /** The Redis the stores under test use: the shared standalone server here, the shared cluster in a subclass. */
    protected RedisCommands redis() {
        return STANDALONE;
    }

    @Override
    protected ExperimentStore newStore() {
        return new RedisExperimentStore(redis(), RedisClients.isolatedKeys());
    }

    @Test
    void aDefinitionOfAnUnknownFormatIsSkippedNotFatal() {
        RedisKeys keys = RedisClients.isolatedKeys();
        RedisExperimentStore store = new RedisExperimentStore(redis(), keys);
        Experiment good = new Experiment("good", "recommend", "good", ExperimentStatus.DRAFT, 1, 0,
                List.of(new Variant("a", 1, Map.of()), new Variant("b", 1, Map.of())), 1, Instant.EPOCH);
        store.put(good, 0);
        redis().send(Request.cmd(Command.HSET).arg(keys.experiments()).arg("future").arg("{\"format\":2}"));

        assertThat(store.all()).containsExactly(good);
    }
}
