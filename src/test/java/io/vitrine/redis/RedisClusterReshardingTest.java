package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisClusterProcess;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.Resp;

/**
 * Slots moving while the client works, on a cluster of its own (3 masters): keys being migrated are followed with
 * {@code ASK}, a moved slot with {@code MOVED}, and a redirected write runs exactly once, in reads, writes and
 * pipelines that mix the moving slot with slots that stay.
 */
class RedisClusterReshardingTest {
    private static RedisClusterProcess cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisClusterProcess.start(3, 0, 5000, List.of());
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void migratingKeysAreFollowedWithAskAndAMovedSlotWithMovedRunningEveryWriteOnce() {
        RedisCommands redis = RedisClients.commands(cluster);
        String tag = "{moving}";
        int slot = HashSlot.of(tag);
        RedisServerProcess source = cluster.masterOf(slot);
        RedisServerProcess target = cluster.nodes()
                .stream()
                .filter(n -> n != source && RedisClusterProcess.isMaster(n))
                .findFirst()
                .orElseThrow();
        List<String> moving = new ArrayList<>();
        List<String> staying = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            moving.add("count:" + tag + ":" + i);
            String other = "count:{stay" + i + "}";
            staying.add(other);
        }
        List<String> all = new ArrayList<>(moving);
        all.addAll(staying);
        redis.write(increments(all));

        cluster.beginMigration(slot, target);
        assertThat(cluster.migrateKeys(slot, source, target, 10)).isEqualTo(10);
        List<Response> during = redis.batch(gets(all));
        redis.write(increments(all));
        RedisCommands.RoutingStats afterAsk = redis.routingStats();

        assertThat(during).extracting(Response::toString).containsOnly("1");
        assertThat(afterAsk.asked()).isGreaterThanOrEqualTo(10);
        assertThat(values(redis, all)).containsOnly("2");

        cluster.finishMigration(slot, source, target);
        redis.write(increments(all));
        List<Response> after = redis.batch(gets(all));
        RedisCommands.RoutingStats afterMove = redis.routingStats();
        redis.batch(gets(all));

        assertThat(after).extracting(Response::toString).containsOnly("3");
        assertThat(afterMove.moved()).isGreaterThanOrEqualTo(1);
        assertThat(redis.routingStats().moved()).as("the map is corrected: no second MOVED")
                .isEqualTo(afterMove.moved());
        for (String key : moving) {
            assertThat(Resp.call(target.port(), "GET", key)).as(key + " on the new owner").isEqualTo("3");
        }
    }

    @Test
    void aWriteWhoseReplyIsLostToARedirectedNeighbourFailsTheBatchInsteadOfRunningTwice() {
        RedisCommands redis = RedisClients.commands(cluster);
        String tag = "{lost-reply}";
        int slot = HashSlot.of(tag);
        RedisServerProcess source = cluster.masterOf(slot);
        String stays = staysOn(source, slot);
        String moves = "k:" + tag;
        redis.write(List.of(Request.cmd(Command.SET).arg(moves).arg("m"), Request.cmd(Command.SET)
                .arg(stays)
                .arg("0")));
        RedisServerProcess target = otherMaster(source);
        cluster.beginMigration(slot, target);
        cluster.finishMigration(slot, source, target);

        assertThatThrownBy(() -> redis.batch(List.of(Request.cmd(Command.INCR).arg(stays), Request.cmd(Command.GET)
                .arg(moves))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("not sent again");

        assertThat(redis.send(Request.cmd(Command.GET).arg(stays)).toString()).isEqualTo("1");
        assertThat(redis.send(Request.cmd(Command.GET).arg(moves)).toString()).isEqualTo("m");
    }

    @Test
    void aMultiKeyCommandSplitByAMigrationIsRetriedAndFailsWithoutRunning() {
        RedisCommands redis = RedisClients.commands(cluster);
        String tag = "{split}";
        int slot = HashSlot.of(tag);
        RedisServerProcess source = cluster.masterOf(slot);
        RedisServerProcess target = otherMaster(source);
        String first = "a:" + tag;
        String second = "b:" + tag;
        redis.write(List.of(Request.cmd(Command.SET).arg(first).arg("1"), Request.cmd(Command.SET)
                .arg(second)
                .arg("2")));
        cluster.beginMigration(slot, target);
        Resp.call(source.port(), "MIGRATE", "127.0.0.1", target.port(), "", 0, 5000, "KEYS", first);

        assertThatThrownBy(() -> redis.send(Request.cmd(Command.DEL).arg(first).arg(second)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("TRYAGAIN");

        try (Resp importing = Resp.connect(target.port())) {
            importing.send("ASKING");
            assertThat(importing.send("GET", first)).isEqualTo("1");
        }
        assertThat(Resp.call(source.port(), "GET", second)).isEqualTo("2");
        cluster.finishMigration(slot, source, target);
        assertThat(redis.send(Request.cmd(Command.DEL).arg(first).arg(second)).toLong()).isEqualTo(2);
        assertThat(redis.routingStats().retried()).isPositive();
    }

    private RedisServerProcess otherMaster(RedisServerProcess master) {
        return cluster.nodes()
                .stream()
                .filter(n -> n != master && RedisClusterProcess.isMaster(n))
                .findFirst()
                .orElseThrow();
    }

    /** A key in another slot served by the same master. */
    private static String staysOn(RedisServerProcess master, int notSlot) {
        for (int i = 0;; i++) {
            String key = "stay:{" + i + "}";
            int slot = HashSlot.of(key);
            if (slot != notSlot && cluster.masterOf(slot) == master) {
                return key;
            }
        }
    }

    private static List<Request> increments(List<String> keys) {
        return keys.stream().map(k -> Request.cmd(Command.INCR).arg(k)).toList();
    }

    private static List<Request> gets(List<String> keys) {
        return keys.stream().map(k -> Request.cmd(Command.GET).arg(k)).toList();
    }

    private static List<String> values(RedisCommands redis, List<String> keys) {
        return redis.batch(gets(keys)).stream().map(Response::toString).toList();
    }
}
