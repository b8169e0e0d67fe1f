package io.vitrine.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.vitrine.event.Arm;
import io.vitrine.feature.RecentList;
import io.vitrine.testing.RedisClusterProcess;
import io.vitrine.testing.Resp;
import io.vitrine.testing.SharedRedisCluster;

/** {@link HashSlot} against the specification's test vector and a real server's {@code CLUSTER KEYSLOT}. */
class HashSlotTest {

    @Test
    void crc16IsXmodemAsTheSpecificationStates() {
        byte[] vector = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(HashSlot.crc16(vector, 0, vector.length)).isEqualTo(0x31C3);
    }

    @Test
    void slotsEqualTheServersForAwkwardAndRandomKeys() {
        RedisClusterProcess cluster = SharedRedisCluster.get();
        RedisKeys keys = new RedisKeys("vitrine");
        List<String> samples = new ArrayList<>(List.of("", "{", "}", "{}", "}{", "{}x", "a{}b{c}", "{a}{b}", "x{y",
                "x}y{z}", "{user1000}.following", "foo{}{bar}", "foo{{bar}}zap", "foo{bar}{zap}", "Ünïcødé-漢字-🙂",
                keys.user("u-1"), keys.recent("u-1", RecentList.INTERACTED), keys.item("i{1}"), keys.eventLog(),
                keys.eventSeen("e-1"), keys.armTotals(new Arm("exp", "b")), keys.experiments(),
                keys.trend("global", 3), keys.newArrivals("cat:phone"), keys.accessProbe("s")));
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 500; i++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                key.append("ab{}:-é漢".charAt(random.nextInt(8)));
            }
            samples.add(key.toString());
        }
        int port = cluster.nodes().get(0).port();
        try (Resp resp = Resp.connect(port)) {
            for (String key : samples) {
                assertThat(HashSlot.of(key)).as(key)
                        .isEqualTo(((Long) resp.send("CLUSTER", "KEYSLOT", key))
                                .intValue());
            }
        }
    }

    @Test
    void aUsersKeysShareOneSlotAndTheEventLogSharesTheSlotOfItsMarkersAndArms() {
        RedisKeys keys = new RedisKeys("vitrine");
        int user = HashSlot.of(keys.user("u:{7}"));
        assertThat(HashSlot.of(keys.recent("u:{7}", RecentList.INTERACTED))).isEqualTo(user);
        assertThat(HashSlot.of(keys.recent("u:{7}", RecentList.PURCHASED))).isEqualTo(user);
        int log = HashSlot.of(keys.eventLog());
        Arm arm = new Arm("e", "v");
        assertThat(List.of(HashSlot.of(keys.eventSeen("x}{")), HashSlot.of(keys.armTotals(arm)),
                HashSlot.of(keys.armUsers(arm)), HashSlot.of(keys.armBuyers(arm)))).containsOnly(log);
        assertThat(HashSlot.of(keys.requestSigningKey())).isEqualTo(HashSlot.of(keys.experiments()));
    }
}
