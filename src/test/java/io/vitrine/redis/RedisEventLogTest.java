package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.port.EventLog;
import io.vitrine.port.EventLogContract;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.SharedRedis;

/** The event log contract against a real redis-server, plus the Redis-specific retention rules. */
class RedisEventLogTest extends EventLogContract {
    private static final RedisCommands STANDALONE = RedisClients.commands(SharedRedis.get());

    /** The Redis the stores under test use: the shared standalone server here, the shared cluster in a subclass. */
    protected RedisCommands redis() {
        return STANDALONE;
    }

    @Override
    protected EventLog newLog() {
        return new RedisEventLog(redis(), RedisClients.isolatedKeys(), 1_000_000, Duration.ofHours(1));
    }

    @Test
    void dedupeMarkersExpireAfterTheWindowAndTheStreamIsCapped() {
        RedisKeys keys = RedisClients.isolatedKeys();
        RedisEventLog log = new RedisEventLog(redis(), keys, 100, Duration.ofMinutes(10));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(new Event("e" + i, "u", EventType.VIEW, "i", Instant.parse("2026-11-20T00:00:00Z"), null,
                    null, null, null, EventContext.EMPTY));
        }
        for (int from = 0; from < 1000; from += 250) {
            log.append(events.subList(from, from + 250));
        }

        long ttl = redis().send(Request.cmd(Command.TTL).arg(keys.eventSeen("e0"))).toLong();
        assertThat(ttl).isBetween(590L, 600L);
        long length = redis().send(Request.cmd(Command.XLEN).arg(keys.eventLog())).toLong();
        // MAXLEN ~ trims whole radix-tree nodes: at least the cap is kept, and far fewer than all 1000.
        assertThat(length).isBetween(100L, 400L);
    }
}
