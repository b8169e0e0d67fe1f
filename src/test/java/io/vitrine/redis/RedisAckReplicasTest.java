package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.port.EventLog;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.testing.RedisClients;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.Resp;

/**
 * {@code ack-replicas}: against a real master with one replica, an append succeeds only once the replica has it; with
 * the replica detached it fails although the master stored it, and the retry, once the replica is back, answers
 * "duplicate" only after the replica confirmed.
 */
class RedisAckReplicasTest {
    private static RedisServerProcess master;
    private static RedisServerProcess replica;

    @BeforeAll
    static void startMasterAndReplica() {
        master = RedisServerProcess.start(false, List.of("--repl-diskless-sync-delay", "0"), false);
        replica = RedisServerProcess.start(false);
    }

    @AfterAll
    static void stop() {
        replica.close();
        master.close();
    }

    @BeforeEach
    void replicaAttached() {
        attach();
    }

    private static void attach() {
        Resp.call(replica.port(), "REPLICAOF", "127.0.0.1", master.port());
        Awaitility.await()
                .atMost(30, TimeUnit.SECONDS)
                .until(() -> ((String) Resp.call(master.port(), "INFO",
                        "replication")).contains("connected_slaves:1")
                        && ((String) Resp.call(replica.port(), "INFO",
                                "replication")).contains("master_link_status:up"));
    }

    @Test
    void anAppendIsAcknowledgedOnlyOnceTheReplicaHasItAndARetryDedupesOnlyOnceItIsReplicated() {
        RedisKeys keys = RedisClients.isolatedKeys();
        // Appends that must succeed get time to spare on a loaded machine; the one that must fail waits a second.
        EventLog log = new RedisEventLog(RedisClients.commands(master, Duration.ofSeconds(10)), keys, 1000,
                Duration.ofHours(1), 1);
        EventLog impatient = new RedisEventLog(RedisClients.commands(master, Duration.ofSeconds(1)), keys, 1000,
                Duration.ofHours(1), 1);

        EventLog.AppendResult first = log.append(List.of(event("e1")));

        assertThat(first.stored()).hasSize(1);
        assertThat(Resp.call(replica.port(), "XLEN", keys.eventLog())).as("on the replica when acknowledged")
                .isEqualTo(1L);

        Resp.call(replica.port(), "REPLICAOF", "NO", "ONE");
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> ((String) Resp.call(master.port(), "INFO",
                        "replication")).contains("connected_slaves:0"));
        assertThatThrownBy(() -> impatient.append(List.of(event("e2"))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("0 of 1 replicas");
        assertThat(Resp.call(master.port(), "XLEN", keys.eventLog())).as("stored on the master, not acknowledged")
                .isEqualTo(2L);

        attach();
        EventLog.AppendResult retry = log.append(List.of(event("e2")));

        assertThat(retry.stored()).isEmpty();
        assertThat(retry.duplicates()).isEqualTo(1);
        assertThat(Resp.call(master.port(), "XLEN", keys.eventLog())).isEqualTo(2L);
        assertThat(Resp.call(replica.port(), "XLEN", keys.eventLog())).isEqualTo(2L);
    }

    @Test
    void moreReplicasThanThereAreRefusesEveryAppend() {
        RedisKeys keys = RedisClients.isolatedKeys();
        EventLog log = new RedisEventLog(RedisClients.commands(master, Duration.ofSeconds(1)), keys, 1000,
                Duration.ofHours(1), 2);

        assertThatThrownBy(() -> log.append(List.of(event("e3"))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("1 of 2 replicas");
    }

    private static Event event(String id) {
        return new Event(id, "u", EventType.CLICK, "i", Instant.parse("2026-11-20T00:00:00Z"), null, null, null,
                null, EventContext.EMPTY);
    }
}
