package io.vitrine.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReservoirTest {
    @Test
    void keepsEverythingUnderCapacityAndAUniformSampleAboveIt() {
        Reservoir<Integer> small = new Reservoir<>(10, 1);
        for (int i = 0; i < 5; i++) {
            small.add(i);
        }
        assertThat(small.sample()).containsExactly(0, 1, 2, 3, 4);

        int[] hits = new int[10];
        for (int run = 0; run < 2000; run++) {
            Reservoir<Integer> r = new Reservoir<>(3, run);
            for (int i = 0; i < 10; i++) {
                r.add(i);
            }
            assertThat(r.sample()).hasSize(3).doesNotHaveDuplicates();
            r.sample().forEach(i -> hits[i]++);
        }
        // Each element is kept with probability 3/10: 600 of 2000 runs, within a generous tolerance.
        for (int h : hits) {
            assertThat(h).isBetween(520, 680);
        }
    }
}
