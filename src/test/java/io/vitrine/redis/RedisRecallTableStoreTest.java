package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vitrine.recall.NeighbourLists;
import io.vitrine.recall.RecallTableStore;
import io.vitrine.recall.RecallTableStoreContract;
import io.vitrine.recall.RecallTables;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.SharedRedis;

/**
 * The recall table store contract against a real redis-server, with a batch size of 7 so that the small test tables
 * still cross many batch boundaries; plus checks of the keys themselves.
 */
class RedisRecallTableStoreTest extends RecallTableStoreContract {
    private static final RedisCommands STANDALONE = RedisClients.commands(SharedRedis.get());

    /** The Redis the stores under test use: the shared standalone server here, the shared cluster in a subclass. */
    protected RedisCommands redis() {
        return STANDALONE;
    }

    private RedisKeys keys;

    @Override
    protected RecallTableStore newStore() {
        keys = RedisClients.isolatedKeys();
        return new RedisRecallTableStore(redis(), keys, 7);
    }

    @Override
    protected void assertNothingLeftOf(RecallTableStore store, String dropped, RecallTables tables) {
        List<String> all = keysOf(keys, dropped, tables);
        assertThat(all).hasSizeGreaterThan(100);
        assertThat(existing(redis(), all)).isZero();
        assertThat(redis().send(Request.cmd(Command.SISMEMBER).arg(keys.recallVersions()).arg(dropped)).toInteger())
                .isZero();
    }

    @Test
    void dropLeavesExactlyTheOtherVersionsKeys() {
        // A server of its own: DBSIZE counts every key, so a key the store forgot to drop cannot hide.
        try (RedisServerProcess server = RedisServerProcess.start(false)) {
            RedisCommands redis = RedisClients.commands(server);
            RedisKeys own = new RedisKeys("vitrine");
            RecallTableStore store = new RedisRecallTableStore(redis, own);
            RecallTables old = tables(21);
            RecallTables current = tables(22);

            store.load("v1", old);
            store.load("v2", current);
            store.activate("v2");
            long lists = nonEmptyLists(old) + nonEmptyLists(current);
            assertThat(dbSize(redis)).isEqualTo(lists + 2); // + the version set and the active pointer
            assertThat(existing(redis, keysOf(own, "v2", current))).isEqualTo(nonEmptyLists(current));

            store.drop("v1", old);

            assertThat(dbSize(redis)).isEqualTo(nonEmptyLists(current) + 2);
            assertThat(existing(redis, keysOf(own, "v1", old))).isZero();
            assertThat(existing(redis, keysOf(own, "v2", current))).isEqualTo(nonEmptyLists(current));
        }
    }

    @Test
    void keysCarryTheVersionAndAHashTag() {
        RecallTableStore store = newStore();
        RecallTables tables = tables(23);
        store.load("v1", tables);

        String item = AWKWARD_IDS.get(0);
        String key = keys.neighbours("v1", "handmade", item);
        assertThat(key).endsWith(":nb:{" + item + "}:v1:handmade");
        assertThat(redis().send(Request.cmd(Command.TYPE).arg(key)).toString()).isEqualTo("string");
        assertThat(redis().send(Request.cmd(Command.GET).arg(key)).toString())
                .startsWith("line\\nbreak\t3.4028235E38\n");
        assertThat(keys.popularity("v1", Optional.of("phones"))).endsWith(":rt:{v1}:pop:phones");
        assertThat(keys.popularity("v1", Optional.empty())).endsWith(":rt:{v1}:pop");
    }

    /** Every key a load of {@code tables} as {@code version} can write. */
    private static List<String> keysOf(RedisKeys keys, String version, RecallTables tables) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, NeighbourLists> table : tables.neighbours().entrySet()) {
            for (String item : table.getValue().items()) {
                out.add(keys.neighbours(version, table.getKey(), item));
            }
        }
        out.add(keys.popularity(version, Optional.empty()));
        for (String category : tables.popularity().categories().keySet()) {
            out.add(keys.popularity(version, Optional.of(category)));
        }
        return out;
    }

    private static long nonEmptyLists(RecallTables tables) {
        long n = tables.popularity().global().isEmpty() ? 0 : 1;
        n += tables.popularity().categories().values().stream().filter(l -> !l.isEmpty()).count();
        for (NeighbourLists table : tables.neighbours().values()) {
            n += table.items().stream().filter(item -> !table.neighbours(item).isEmpty()).count();
        }
        return n;
    }

    /** How many of the keys exist (one EXISTS per key: on a cluster they live in different slots). */
    private static long existing(RedisCommands redis, List<String> keys) {
        List<Request> exists = keys.stream().map(k -> Request.cmd(Command.EXISTS).arg(k)).toList();
        return redis.batch(exists).stream().mapToLong(r -> r.toLong()).sum();
    }

    private static long dbSize(RedisCommands redis) {
        return redis.send(Request.cmd(Command.DBSIZE)).toLong();
    }
}
