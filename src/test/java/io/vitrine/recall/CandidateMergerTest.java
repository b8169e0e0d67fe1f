package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;

class CandidateMergerTest {

    @Test
    void fusesRanksKeepsQuotasAndNamesTheBestRankingSourceFirst() {
        Map<String, List<ScoredItem>> outputs = new LinkedHashMap<>();
        outputs.put("item_cf", List.of(item("x"), item("y"), item("z")));
        outputs.put("trending", List.of(item("y"), item("w"), item("x")));
        outputs.put("popular", List.of(item("v")));

        List<Candidate> merged = CandidateMerger.merge(outputs, Map.of("item_cf", 2, "trending", 3), 10);

        // y: 1/62 (item_cf) + 1/61 (trending); x: 1/61 + 1/63; w: 1/62; popular has no quota, z is beyond item_cf's.
        assertThat(merged).extracting(Candidate::itemId).containsExactly("y", "x", "w");
        assertThat(merged.get(0).sources()).containsExactly("trending", "item_cf");
        assertThat(merged.get(1).sources()).containsExactly("item_cf", "trending");
        assertThat(merged.get(0).recallScore()).isEqualTo(1.0 / 62 + 1.0 / 61);
        assertThat(CandidateMerger.merge(outputs, Map.of("item_cf", 2, "trending", 3), 2)).hasSize(2);
        // Each candidate keeps its place in every source: the ranker's recall evidence.
        Candidate y = merged.get(0);
        assertThat(y.mergedRank()).isEqualTo(1);
        assertThat(y.sourceRanks()[SourceNames.index("item_cf")]).isEqualTo(2);
        assertThat(y.sourceRanks()[SourceNames.index("trending")]).isEqualTo(1);
        assertThat(y.sourceRanks()[SourceNames.index("popular")]).isZero();
        assertThat(merged.get(2).mergedRank()).isEqualTo(3);
    }

    @Test
    void weightsMultiplyASourcesTerms() {
        Map<String, List<ScoredItem>> outputs = new LinkedHashMap<>();
        outputs.put("item_cf", List.of(item("x"), item("y")));
        outputs.put("trending", List.of(item("y"), item("z")));
        Map<String, Integer> quotas = Map.of("item_cf", 2, "trending", 2);

        // Unweighted: y (1/62 + 1/61) before x (1/61) before z (1/62).
        assertThat(CandidateMerger.merge(outputs, quotas, 10)).extracting(Candidate::itemId)
                .containsExactly("y", "x", "z");
        // trending weighs 3: z (3/62) before x (1/61); y = 1/62 + 3/61.
        List<Candidate> weighted = CandidateMerger.merge(outputs, quotas, Map.of("trending", 3.0), 10);
        assertThat(weighted).extracting(Candidate::itemId).containsExactly("y", "z", "x");
        assertThat(weighted.get(0).recallScore()).isEqualTo(1.0 / 62 + 3.0 / 61);
        assertThatThrownBy(() -> CandidateMerger.merge(outputs, quotas, Map.of("item_cf", 0.0), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalsTheStraightforwardMergeOnRandomOutputs() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            Map<String, List<ScoredItem>> outputs = new LinkedHashMap<>();
            Map<String, Integer> quotas = new LinkedHashMap<>();
            for (String source : List.of("item_cf", "embedding", "trending", "popular", "affinity")) {
                List<ScoredItem> items = new ArrayList<>();
                int size = random.nextInt(60);
                for (int i = 0; i < size; i++) {
                    // Repeats inside a list happen (a source may name an item twice); ties in fused score too.
                    items.add(item("i" + random.nextInt(80)));
                }
                outputs.put(source, items);
                quotas.put(source, random.nextInt(50));
            }
            int total = 1 + random.nextInt(120);

            List<Candidate> merged = CandidateMerger.merge(outputs, quotas, total);

            // Candidates compare by id, score and sources (their evidence arrays compare by identity).
            assertThat(merged).extracting(Candidate::itemId, Candidate::recallScore, Candidate::sources)
                    .isEqualTo(reference(outputs, quotas, total).stream()
                            .map(c -> org.assertj.core.groups.Tuple.tuple(c.itemId(), c.recallScore(), c.sources()))
                            .toList());
            // Each candidate's rank in each source: its last place within the source's quota (0 when absent).
            for (Candidate c : merged) {
                for (Map.Entry<String, List<ScoredItem>> e : outputs.entrySet()) {
                    int expected = 0;
                    for (int rank = 0; rank < Math.min(e.getValue().size(), quotas.get(e.getKey())); rank++) {
                        expected = e.getValue().get(rank).itemId().equals(c.itemId()) ? rank + 1 : expected;
                    }
                    assertThat(c.sourceRanks()[SourceNames.index(e.getKey())]).as("%s in %s", c.itemId(), e.getKey())
                            .isEqualTo(expected);
                }
            }
        }
    }

    private static ScoredItem item(String id) {
        return new ScoredItem(id, 1);
    }

    /** The merge as first written (three maps and a composed comparator), as the oracle. */
    private static List<Candidate> reference(Map<String, List<ScoredItem>> outputs, Map<String, Integer> quotas,
            int total) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        Map<String, Double> bestContribution = new LinkedHashMap<>();
        outputs.forEach((source, items) -> {
            int quota = Math.min(items.size(), quotas.getOrDefault(source, 0));
            for (int rank = 0; rank < quota; rank++) {
                String id = items.get(rank).itemId();
                double contribution = 1.0 / (CandidateMerger.RRF_K + rank + 1);
                scores.computeIfAbsent(id, k -> new double[1])[0] += contribution;
                List<String> from = sources.computeIfAbsent(id, k -> new ArrayList<>());
                if (!from.contains(source)) {
                    if (contribution > bestContribution.getOrDefault(id, 0.0)) {
                        from.add(0, source);
                        bestContribution.put(id, contribution);
                    } else {
                        from.add(source);
                    }
                }
            }
        });
        List<Candidate> out = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> out.add(new Candidate(id, score[0], sources.get(id))));
        out.sort(Comparator.comparingDouble(Candidate::recallScore).reversed().thenComparing(Candidate::itemId));
        return out.size() > total ? List.copyOf(out.subList(0, total)) : out;
    }
}
