package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.catalog.Item;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.feature.EntityRef;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdate;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisClusterProcess;
import io.vitrine.testing.SharedRedisCluster;

/**
 * How a pipeline is routed over the shared cluster's three masters while the slot map is right: one batch per master
 * involved, replies in request order, never a redirect, and commands whose keys cross slots refused before sending.
 */
class RedisClusterRoutingTest {
    private final RedisClusterProcess cluster = SharedRedisCluster.get();

    @Test
    void aPipelineOverEveryMasterIsOneBatchPerMasterWithRepliesInRequestOrder() {
        RedisCommands redis = RedisClients.commands(cluster);
        RedisKeys keys = RedisClients.isolatedKeys();
        List<Request> writes = new ArrayList<>();
        Set<Integer> masters = new HashSet<>();
        for (int i = 0; i < 900; i++) {
            writes.add(Request.cmd(Command.SET).arg(keys.item("i" + i)).arg("v" + i));
            masters.add(cluster.masterOf(HashSlot.of(keys.item("i" + i))).port());
        }
        assertThat(masters).hasSize(3);
        redis.write(writes);
        RedisCommands.RoutingStats afterWrite = redis.routingStats();
        List<Request> reads = new ArrayList<>();
        for (int i = 899; i >= 0; i--) {
            reads.add(Request.cmd(Command.GET).arg(keys.item("i" + i)));
        }

        List<Response> replies = redis.batch(reads);

        RedisCommands.RoutingStats stats = redis.routingStats();
        assertThat(replies).hasSize(900);
        for (int i = 0; i < 900; i++) {
            assertThat(replies.get(i).toString()).isEqualTo("v" + (899 - i));
        }
        assertThat(afterWrite.batches()).isEqualTo(3);
        assertThat(stats.batches() - afterWrite.batches()).isEqualTo(3);
        assertThat(stats.moved() + stats.asked() + stats.retried()).isZero();
        assertThat(stats.slotMapReads()).isEqualTo(1);
    }

    @Test
    void everyStoreRoutesEveryCommandToTheMasterOfItsSlot() {
        RedisCommands redis = RedisClients.commands(cluster);
        RedisKeys keys = RedisClients.isolatedKeys();
        RedisFeatureStore features = new RedisFeatureStore(redis, keys, FeatureSettings.defaults());
        RedisCatalogStore catalog = new RedisCatalogStore(redis, keys);
        RedisEventLog log = new RedisEventLog(redis, keys, 1000, java.time.Duration.ofHours(1));
        RedisExperimentStore experiments = new RedisExperimentStore(redis, keys);
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        List<Item> items = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            items.add(new Item("i" + i, "t", "phone", "b" + i % 4, 100.0, "EUR", true, now, List.of(), false,
                    false));
            events.add(new Event("e" + i, "u" + i % 7, EventType.CLICK, "i" + i, now, null, null, null, null,
                    EventContext.EMPTY));
            ids.add("i" + i);
        }

        catalog.upsertItems(items);
        log.append(events);
        features.apply(List.of(new FeatureUpdate.Increment(EntityRef.item("i1"), "n:click", 1)));
        features.read("u1", ids);
        catalog.items(ids);
        catalog.newArrivals(List.of("global", "cat:phone", "brand:b1"), now.minusSeconds(60), 10);
        features.trending(List.of("global", "cat:phone"), 10, now);
        log.read(null, 100);
        experiments.all();
        features.eraseUser("u1");

        RedisCommands.RoutingStats stats = redis.routingStats();
        assertThat(stats.moved() + stats.asked() + stats.retried()).as(stats.toString()).isZero();
    }

    @Test
    void aCommandWhoseKeysHashToDifferentSlotsIsRefusedBeforeAnythingIsSent() {
        RedisCommands redis = RedisClients.commands(cluster);
        RedisKeys keys = RedisClients.isolatedKeys();
        String a = keys.item("a");
        String b = keys.item("b");
        assertThat(HashSlot.of(a)).isNotEqualTo(HashSlot.of(b));
        redis.send(Request.cmd(Command.SET).arg(a).arg("1"));

        assertThatThrownBy(() -> redis.send(Request.cmd(Command.DEL).arg(a).arg(b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CROSSSLOT");

        assertThat(redis.send(Request.cmd(Command.GET).arg(a)).toString()).isEqualTo("1");
    }
}
