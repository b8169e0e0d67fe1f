package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;

class CooccurrenceBuilderTest {
    private static final long T0 = 1_780_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** No window, cap or support filter in the way, so the plain formula can be checked. */
    private static final CooccurrenceSettings PLAIN = CooccurrenceSettings.defaults()
            .withWindow(null)
            .withMinSupport(1)
            .withShrink(0);

    private long clock = T0;

    /** Appends an interaction one minute after the previous one. */
    private void feed(CooccurrenceBuilder builder, String user, String item, double weight) {
        clock += MINUTE;
        builder.accept(new Interaction(user, item, weight, clock));
    }

    /**
     * Four users, weight 1 each: u1 {phone, case}, u2 {phone, case, charger}, u3 {phone, charger}, u4 {case}. So
     * n(phone) = 3, n(case) = 3, n(charger) = 2; c(phone,case) = 2 (u1, u2), c(phone,charger) = 2 (u2, u3),
     * c(case,charger) = 1 (u2 only).
     */
    private CooccurrenceBuilder shop(CooccurrenceSettings settings) {
        CooccurrenceBuilder builder = new CooccurrenceBuilder(settings);
        feed(builder, "u1", "phone", 1);
        feed(builder, "u2", "phone", 1);
        feed(builder, "u1", "case", 1);
        feed(builder, "u3", "phone", 1);
        feed(builder, "u2", "case", 1);
        feed(builder, "u2", "charger", 1);
        feed(builder, "u4", "case", 1);
        feed(builder, "u3", "charger", 1);
        return builder;
    }

    @Test
    void shrunkCosineWithSupportFilter() {
        NeighbourLists table = shop(CooccurrenceSettings.defaults().withShrink(1)).build();

        // sim = c / sqrt(n_i n_j) * c / (c + 1)
        double phoneCharger = 2 / Math.sqrt(3 * 2) * 2 / 3.0; // 0.5443
        double phoneCase = 2 / Math.sqrt(3 * 3) * 2 / 3.0; // 0.4444
        assertThat(table.items()).containsExactly("case", "charger", "phone");
        assertThat(ids(table.neighbours("phone"))).containsExactly("charger", "case");
        assertThat(table.neighbours("phone").get(0).score()).isCloseTo(phoneCharger, within(1e-6));
        assertThat(table.neighbours("phone").get(1).score()).isCloseTo(phoneCase, within(1e-6));
        // Symmetric: the phone is a neighbour of what was bought with it. case-charger has support 1 < 2.
        assertThat(ids(table.neighbours("case"))).containsExactly("phone");
        assertThat(table.neighbours("case").get(0).score()).isCloseTo(phoneCase, within(1e-6));
        assertThat(ids(table.neighbours("charger"))).containsExactly("phone");
        assertThat(table.neighbours("unknown")).isEmpty();
    }

    @Test
    void minSupportOneKeepsSingleUserPairs() {
        NeighbourLists table = shop(CooccurrenceSettings.defaults().withShrink(1).withMinSupport(1)).build();

        assertThat(ids(table.neighbours("case"))).containsExactly("phone", "charger");
        // c = 1: 1 / sqrt(3 * 2) * 1 / (1 + 1)
        assertThat(table.neighbours("case").get(1).score()).isCloseTo(1 / Math.sqrt(6) / 2, within(1e-6));
    }

    @Test
    void shrinkageFavoursPairsWithMoreEvidence() {
        // x: u1..u4; y: u1 only; z: u2..u4 and eight more users. All weight 1.
        // x-y: c = 1, cosine 1 / sqrt(4 * 1) = 0.5; x-z: c = 3, cosine 3 / sqrt(4 * 11) = 0.452.
        CooccurrenceSettings noShrink = PLAIN;
        CooccurrenceBuilder plain = new CooccurrenceBuilder(noShrink);
        CooccurrenceBuilder shrunk = new CooccurrenceBuilder(noShrink.withShrink(1));
        for (CooccurrenceBuilder b : List.of(plain, shrunk)) {
            feed(b, "u1", "x", 1);
            feed(b, "u1", "y", 1);
            for (int u = 2; u <= 4; u++) {
                feed(b, "u" + u, "x", 1);
                feed(b, "u" + u, "z", 1);
            }
            for (int u = 5; u <= 12; u++) {
                feed(b, "u" + u, "z", 1);
            }
        }

        List<ScoredItem> rare = plain.build().neighbours("x");
        assertThat(ids(rare)).containsExactly("y", "z");
        assertThat(rare.get(0).score()).isCloseTo(0.5, within(1e-6));
        assertThat(rare.get(1).score()).isCloseTo(3 / Math.sqrt(44), within(1e-6));

        // Times c / (c + 1): y gets 0.5 * 1/2 = 0.25, z gets 0.452 * 3/4 = 0.339 and moves ahead.
        List<ScoredItem> evidence = shrunk.build().neighbours("x");
        assertThat(ids(evidence)).containsExactly("z", "y");
        assertThat(evidence.get(0).score()).isCloseTo(3 / Math.sqrt(44) * 3 / 4, within(1e-6));
        assertThat(evidence.get(1).score()).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void topKKeepsTheBest() {
        NeighbourLists table = shop(CooccurrenceSettings.defaults().withShrink(1).withTopK(1)).build();

        assertThat(ids(table.neighbours("phone"))).containsExactly("charger");
        assertThat(table.entryCount()).isEqualTo(3);
    }

    @Test
    void weightsAddUpAndOrderDoesNotMatter() {
        CooccurrenceBuilder builder = new CooccurrenceBuilder(PLAIN);
        // u1 buys the phone (5), then views the case twice; u2 views the case, then the phone.
        feed(builder, "u1", "phone", 5);
        feed(builder, "u1", "case", 1);
        feed(builder, "u1", "case", 1);
        feed(builder, "u2", "case", 1);
        feed(builder, "u2", "phone", 1);
        NeighbourLists table = builder.build();

        // R(u1) = {phone 5, case 2}, R(u2) = {phone 1, case 1}: c = 5*2 + 1*1 = 11, n(phone) = 26, n(case) = 5.
        double expected = 11 / Math.sqrt(26 * 5);
        assertThat(table.neighbours("phone")).containsExactly(new ScoredItem("case", (float) expected));
        assertThat(table.neighbours("case")).containsExactly(new ScoredItem("phone", (float) expected));
    }

    @Test
    void oneUserRepeatingAPairIsSupportOne() {
        CooccurrenceBuilder builder = new CooccurrenceBuilder(PLAIN.withMinSupport(2));
        feed(builder, "u1", "phone", 1);
        feed(builder, "u1", "case", 1);
        feed(builder, "u1", "phone", 1);
        feed(builder, "u1", "case", 1);

        assertThat(builder.build().itemCount()).isZero();

        feed(builder, "u2", "case", 1);
        feed(builder, "u2", "phone", 1);
        assertThat(ids(builder.build().neighbours("phone"))).containsExactly("case");
    }

    @Test
    void historyCapForgetsTheLeastRecentlyUsedItem() {
        // u1: a, b, c; u2: a, c. All weight 1, no shrinkage, support 1.
        CooccurrenceBuilder capped = new CooccurrenceBuilder(PLAIN.withHistorySize(2));
        CooccurrenceBuilder uncapped = new CooccurrenceBuilder(PLAIN.withHistorySize(3));
        for (CooccurrenceBuilder b : List.of(capped, uncapped)) {
            clock = T0;
            feed(b, "u1", "a", 1);
            feed(b, "u1", "b", 1);
            feed(b, "u1", "c", 1);
            feed(b, "u2", "a", 1);
            feed(b, "u2", "c", 1);
        }

        // Cap 2: a is forgotten when c arrives for u1, so c(a,c) = 1 (u2 only); n(a) = 2, n(b) = 1, n(c) = 2.
        NeighbourLists table = capped.build();
        assertThat(ids(table.neighbours("c"))).containsExactly("b", "a");
        assertThat(table.neighbours("c").get(0).score()).isCloseTo(1 / Math.sqrt(2), within(1e-6));
        assertThat(table.neighbours("c").get(1).score()).isCloseTo(0.5, within(1e-6));
        assertThat(ids(table.neighbours("a"))).containsExactly("b", "c");

        // Cap 3: u1 keeps a, so c(a,c) = 2 and a-c is a perfect match.
        NeighbourLists full = uncapped.build();
        assertThat(ids(full.neighbours("c"))).containsExactly("a", "b");
        assertThat(full.neighbours("c").get(0).score()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void historyCapKeepsARecentlyReusedItem() {
        CooccurrenceBuilder builder = new CooccurrenceBuilder(PLAIN.withHistorySize(2));
        feed(builder, "u1", "a", 1);
        feed(builder, "u1", "b", 1);
        feed(builder, "u1", "a", 1);
        // b is now the least recently used and makes room for c; a stays (a FIFO would drop a).
        feed(builder, "u1", "c", 1);

        NeighbourLists table = builder.build();
        assertThat(ids(table.neighbours("c"))).containsExactly("a");
        // c(a,b) = 1*1 (b after a) + 1*1 (a again) = 2, n(a) = 4, n(b) = 1: cosine 1.
        assertThat(table.neighbours("b")).containsExactly(new ScoredItem("a", 1.0f));
        // c(a,c) = 1 * r(a) = 2, n(c) = 1: cosine 1.
        assertThat(table.neighbours("c").get(0).score()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aForgottenItemThatReturnsIsCappedAtCosineOne() {
        CooccurrenceBuilder builder = new CooccurrenceBuilder(PLAIN.withHistorySize(2));
        feed(builder, "u1", "j", 1);
        feed(builder, "u1", "i", 1);
        feed(builder, "u1", "k", 1); // forgets j
        feed(builder, "u1", "i", 1);
        feed(builder, "u1", "j", 1); // forgets k; j starts again from 0

        // c(i,j) = 1*1 + 1*2 = 3, n(i) = 4, n(j) = 1 + 1: 3 / sqrt(8) > 1 is capped.
        assertThat(builder.build().neighbours("i").get(0)).isEqualTo(new ScoredItem("j", 1.0f));
    }

    @Test
    void timeWindowCountsOnlyCloseInteractions() {
        CooccurrenceSettings oneDay = PLAIN.withWindow(Duration.ofDays(1));
        CooccurrenceBuilder windowed = new CooccurrenceBuilder(oneDay);
        CooccurrenceBuilder unlimited = new CooccurrenceBuilder(PLAIN);
        CooccurrenceBuilder supported = new CooccurrenceBuilder(oneDay.withMinSupport(2));
        for (CooccurrenceBuilder b : List.of(windowed, unlimited, supported)) {
            b.accept(new Interaction("u1", "phone", 1, T0));
            b.accept(new Interaction("u1", "case", 1, T0 + 10 * DAY));
            b.accept(new Interaction("u2", "phone", 1, T0));
            b.accept(new Interaction("u2", "case", 1, T0 + DAY)); // exactly one window apart: counts
        }

        // One day: only u2's pair counts, c = 1, n = 2 each.
        assertThat(windowed.build().neighbours("phone")).containsExactly(new ScoredItem("case", 0.5f));
        assertThat(unlimited.build().neighbours("phone")).containsExactly(new ScoredItem("case", 1.0f));
        // Within the window only one user supports the pair.
        assertThat(supported.build().itemCount()).isZero();
    }

    @Test
    void windowIsMeasuredFromTheLastUseOfTheEarlierItem() {
        CooccurrenceBuilder builder = new CooccurrenceBuilder(PLAIN.withWindow(Duration.ofDays(1)));
        builder.accept(new Interaction("u1", "phone", 1, T0));
        builder.accept(new Interaction("u1", "phone", 1, T0 + 5 * DAY));
        builder.accept(new Interaction("u1", "case", 1, T0 + 5 * DAY + MINUTE));

        // The case pairs with the user's whole phone weight (2): c = 2, n(phone) = 4, n(case) = 1.
        assertThat(builder.build().neighbours("case")).containsExactly(new ScoredItem("phone", 1.0f));
    }

    @Test
    void rejectsOutOfOrderInteractionsOfAUser() {
        CooccurrenceBuilder builder = new CooccurrenceBuilder();
        builder.accept(new Interaction("u1", "a", 1, T0 + MINUTE));
        builder.accept(new Interaction("u2", "a", 1, T0));

        assertThatThrownBy(() -> builder.accept(new Interaction("u1", "b", 1, T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time order");
        assertThat(builder.interactionCount()).isEqualTo(2);
    }

    @Test
    void manyUsersAndItemsStayConsistent() {
        // Enough pairs to make the pair table grow several times; every list must come out valid and symmetric.
        CooccurrenceBuilder builder = new CooccurrenceBuilder(CooccurrenceSettings.defaults().withTopK(5));
        SplittableRandom random = new SplittableRandom(7);
        for (int e = 0; e < 40_000; e++) {
            builder.accept(new Interaction("u" + random.nextInt(500), "i" + random.nextInt(400), 1,
                    T0 + e * MINUTE));
        }
        NeighbourLists table = builder.build();

        assertThat(builder.pairCount()).isGreaterThan(4096);
        assertThat(table.itemCount()).isEqualTo(400);
        for (String item : table.items()) {
            List<ScoredItem> list = table.neighbours(item);
            assertThat(list).hasSizeBetween(1, 5);
            assertThat(list).allSatisfy(s -> assertThat(s.score()).isBetween(0.0, 1.0));
        }
    }

    private static List<String> ids(List<ScoredItem> list) {
        return list.stream().map(ScoredItem::itemId).toList();
    }
}
