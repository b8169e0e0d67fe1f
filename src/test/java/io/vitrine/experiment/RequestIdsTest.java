package io.vitrine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vitrine.event.Arm;

class RequestIdsTest {
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 8);
    }

    private final RequestIds ids = new RequestIds(() -> KEY);
    private final List<Arm> arms = List.of(new Arm("ranker-v2", "treatment"), new Arm("banner", "big"));

    @Test
    void anIdCarriesItsArmsAndIsUnique() {
        String id = ids.issue(arms);

        assertThat(ids.arms(id)).containsExactlyElementsOf(arms);
        assertThat(id).hasSizeLessThan(128).doesNotContain("=" + "=").matches("[A-Za-z0-9_.,=-]+");
        Set<String> many = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            many.add(ids.issue(arms));
        }
        assertThat(many).hasSize(1000);
    }

    @Test
    void anIdWithoutArmsIsPlainAndCarriesNothing() {
        String id = ids.issue(List.of());

        assertThat(id).hasSize(22).doesNotContain(".");
        assertThat(ids.arms(id)).isEmpty();
        assertThat(ids.arms(null)).isEmpty();
    }

    @Test
    void anAlteredOrForeignIdCarriesNothing() {
        String id = ids.issue(arms);
        String movedToControl = id.replace("=treatment", "=control");
        String otherExperiment = id.replace("ranker-v2=", "ranker-v3=");
        String badSignature = id.substring(0, id.length() - 2) + (id.endsWith("AA") ? "BB" : "AA");
        String noSignature = id.substring(0, id.lastIndexOf('.'));

        assertThat(ids.verified(movedToControl)).isEmpty();
        assertThat(ids.verified(otherExperiment)).isEmpty();
        assertThat(ids.verified(badSignature)).isEmpty();
        assertThat(ids.verified(noSignature)).isEmpty();
        assertThat(ids.verified(id + "!")).isEmpty();
        assertThat(new RequestIds(() -> OTHER_KEY).verified(id)).isEmpty();
        assertThat(ids.verified(id)).isPresent();
    }

    @Test
    void aShortKeyIsRefused() {
        RequestIds weak = new RequestIds(() -> new byte[16]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> weak.issue(arms))
                .isInstanceOf(IllegalStateException.class);
    }
}
