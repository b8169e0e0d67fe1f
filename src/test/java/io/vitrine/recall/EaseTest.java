package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;

class EaseTest {

    /**
     * u1 {a, b}, u2 {b, c}, u3 {a, b, c}; weights are ignored (EASE is binary). With λ = 1, XᵀX + I = [[3,2,1],
     * [2,4,2],[1,2,3]], whose inverse is P = [[1/2,-1/4,0],[-1/4,1/2,-1/4],[0,-1/4,1/2]], so B(i,j) = -P(i,j)/P(j,j) is
     * 1/2 between a and b and between b and c, and 0 between a and c.
     */
    private static InteractionMatrix small() {
        return InteractionMatrix.builder()
                .add("u1", "a", 1)
                .add("u1", "b", 3)
                .add("u2", "b", 1)
                .add("u2", "c", 1)
                .add("u3", "a", 2)
                .add("u3", "b", 1)
                .add("u3", "c", 5)
                .build();
    }

    @Test
    void handWorkedWeights() {
        Ease.Weights w = new Ease(new EaseSettings(1, 10, 10)).weights(small());
        assertThat(w.items()).containsExactly("a", "b", "c");
        double[][] expected = {{0, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(w.b()[i][j]).as("B(%d,%d)", i, j).isCloseTo(expected[i][j], within(1e-12));
            }
        }
    }

    @Test
    void tableKeepsPositiveWeightsBestFirst() {
        NeighbourLists table = new Ease(new EaseSettings(1, 10, 10)).build(small());
        assertThat(table.neighbours("a")).containsExactly(new ScoredItem("b", 0.5));
        // Equal weights: ties by id.
        assertThat(table.neighbours("b")).containsExactly(new ScoredItem("a", 0.5), new ScoredItem("c", 0.5));
        assertThat(table.neighbours("c")).containsExactly(new ScoredItem("b", 0.5));

        NeighbourLists one = new Ease(new EaseSettings(1, 10, 1)).build(small());
        assertThat(one.neighbours("b")).containsExactly(new ScoredItem("a", 0.5));
    }

    @Test
    void onlyTheMostEngagedItemsTakePart() {
        // b has 3 users, a and c 2 each: the tie goes to a by id.
        Ease.Weights w = new Ease(new EaseSettings(1, 2, 10)).weights(small());
        assertThat(w.items()).containsExactly("a", "b");
        NeighbourLists table = new Ease(new EaseSettings(1, 2, 10)).build(small());
        assertThat(table.items()).containsExactlyInAnyOrder("a", "b");
        assertThat(table.neighbours("b")).extracting(ScoredItem::itemId).containsExactly("a");
        assertThat(new Ease(new EaseSettings(1, 0, 10)).build(small()).itemCount()).isZero();
    }

    /**
     * The solution must satisfy the optimality conditions of {@code min ‖X − XB‖² + λ‖B‖²} with {@code diag(B) = 0}:
     * the gradient {@code (XᵀX + λI)B − XᵀX} vanishes off the diagonal (the diagonal carries the Lagrange multipliers).
     * The Gram matrix is computed here directly from the interactions, independently of the implementation.
     */
    @Test
    void weightsSatisfyTheConstrainedNormalEquations() {
        SplittableRandom random = new SplittableRandom(5);
        InteractionMatrix.Builder builder = InteractionMatrix.builder();
        Map<String, List<String>> byUser = new HashMap<>();
        for (int u = 0; u < 60; u++) {
            for (int n = 0; n < 6; n++) {
                String item = "i" + random.nextInt(random.nextBoolean() ? 5 : 25);
                builder.add("u" + u, item, 1 + random.nextInt(4));
                byUser.computeIfAbsent("u" + u, k -> new java.util.ArrayList<>()).add(item);
            }
        }
        double lambda = 3;
        Ease.Weights w = new Ease(new EaseSettings(lambda, 100, 10)).weights(builder.build());
        String[] items = w.items();
        int n = items.length;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(items[i], i);
        }
        double[][] g = new double[n][n];
        for (List<String> history : byUser.values()) {
            List<Integer> distinct = history.stream().map(index::get).distinct().toList();
            for (int a : distinct) {
                for (int b : distinct) {
                    g[a][b] += 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(w.b()[i][i]).isZero();
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    continue;
                }
                double gradient = -g[i][j];
                for (int k = 0; k < n; k++) {
                    gradient += (g[i][k] + (i == k ? lambda : 0)) * w.b()[k][j];
                }
                assertThat(gradient).as("gradient at (%s,%s)", items[i], items[j]).isCloseTo(0, within(1e-9));
            }
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new EaseSettings(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EaseSettings(1, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EaseSettings(1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
