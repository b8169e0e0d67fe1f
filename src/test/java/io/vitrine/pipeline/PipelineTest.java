package io.vitrine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vitrine.catalog.CatalogFields;
import io.vitrine.catalog.Item;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.feature.ItemLookup;
import io.vitrine.feature.ItemState;
import io.vitrine.feature.RecentItem;
import io.vitrine.feature.ScoredItem;
import io.vitrine.feature.UserFeatures;
import io.vitrine.feature.UserState;
import io.vitrine.recall.RecallContext;
import io.vitrine.recall.RecallSource;
import io.vitrine.rerank.RankedItem;

class PipelineTest {

    @Test
    void blendFusesTheModelsRanksWithTheRecallOrder() {
        // Recall order: candidates 0, 1, 2. Model order: 1, 2, 0.
        double[] model = {0.1, 0.9, 0.5};

        double[] even = Pipeline.blend(model, 1);
        assertThat(even[0]).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-15));
        assertThat(even[1]).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-15));
        assertThat(even[2]).isCloseTo(1.0 / 62 + 1.0 / 63, within(1e-15));
        assertThat(order(even)).containsExactly(1, 0, 2);

        // A heavy recall weight keeps the recall order.
        assertThat(order(Pipeline.blend(model, 100))).containsExactly(0, 1, 2);
    }

    @Test
    void modelTiesKeepTheRecallOrder() {
        double[] blended = Pipeline.blend(new double[]{0.3, 0.3, 0.3}, 0.5);
        assertThat(order(blended)).containsExactly(0, 1, 2);
        assertThat(blended[0]).isCloseTo(1.5 / 61, within(1e-15));
    }

    @Test
    void recallWeightIsChecked() {
        assertThatThrownBy(() -> new PipelineSettings.Rank(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PipelineSettings.Rank(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private static Item item(String id, String category, boolean inStock, boolean blocked) {
        return new Item(id, id, category, "acme", 10.0, "EUR", inStock, NOW.minus(Duration.ofDays(200)), List.of(),
                false, blocked);
    }

    /** Recall offers these items, best first, from a source named {@code fixed}. */
    private static Pipeline pipeline(List<String> offered, Map<String, Item> catalog) {
        RecallSource fixed = new RecallSource() {
            @Override
            public String name() {
                return "trending";
            }

            @Override
            public List<ScoredItem> recall(RecallContext context, int limit) {
                List<ScoredItem> out = new ArrayList<>();
                for (int i = 0; i < offered.size(); i++) {
                    if (!context.exclude().contains(offered.get(i))) {
                        out.add(new ScoredItem(offered.get(i), offered.size() - i));
                    }
                }
                return out;
            }
        };
        ItemLookup items = (ids, now) -> {
            Map<String, ItemFeatures> out = new LinkedHashMap<>();
            for (String id : ids) {
                Map<String, String> fields = catalog.containsKey(id)
                        ? CatalogFields.itemToFields(catalog.get(id))
                        : Map.of();
                out.put(id, ItemFeatures.of(new ItemState(id, fields), now, FeatureSettings.defaults()));
            }
            return out;
        };
        PipelineSettings settings = PipelineParameters.apply(PipelineSettings.defaults(),
                Map.of("rerank.exploration.epsilon", "0"));
        Lookups lookups = new Lookups(items, (scopes, limit, now) -> Map.of(), (scopes, since, limit) -> Map.of());
        return Pipeline.of(settings, RecallPlan.of(List.of(fixed), settings.recall()), null, lookups);
    }

    @Test
    void blockedOutOfStockUnknownExcludedAnchorAndRecentlyBoughtItemsAreNeverRecommended() {
        Map<String, Item> catalog = new LinkedHashMap<>();
        for (String id : List.of("ok1", "ok2", "ok3", "anchor", "excluded", "bought", "boughtLongAgo")) {
            catalog.put(id, item(id, "c-" + id, true, false));
        }
        catalog.put("blocked", item("blocked", "c-b", true, true));
        catalog.put("gone", item("gone", "c-g", false, false));
        Pipeline pipeline = pipeline(List.of("blocked", "gone", "unknown", "anchor", "excluded", "bought",
                "boughtLongAgo", "ok1", "ok2", "ok3"), catalog);
        UserState state = new UserState("u", Map.of(), List.of(), List.of(
                new RecentItem("bought", NOW.minus(Duration.ofDays(2)).toEpochMilli()),
                new RecentItem("boughtLongAgo", NOW.minus(Duration.ofDays(60)).toEpochMilli())));
        UserFeatures user = UserFeatures.of(state, NOW, FeatureSettings.defaults());
        RecommendRequest request = new RecommendRequest("u", 10, null, Optional.of("anchor"), Set.of("excluded"),
                false);

        List<RankedItem> list = pipeline.recommend(request, user, NOW, 1, Stages.NONE);

        assertThat(list).extracting(RankedItem::itemId).containsExactly("boughtLongAgo", "ok1", "ok2", "ok3");
        assertThat(list).allSatisfy(item -> assertThat(item.sources()).containsExactly("trending"));
        assertThat(pipeline.ranked()).isFalse();
    }

    @Test
    void theListIsCutToTheRequestedCountAfterReRanking() {
        Map<String, Item> catalog = new LinkedHashMap<>();
        List<String> offered = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            catalog.put("i" + i, item("i" + i, i < 20 ? "same" : "c" + i, true, false));
            offered.add("i" + i);
        }
        Pipeline pipeline = pipeline(offered, catalog);
        UserFeatures cold = UserFeatures.of(UserState.empty("u"), NOW, FeatureSettings.defaults());

        List<RankedItem> list = pipeline.recommend(new RecommendRequest("u", 5, null, Optional.empty(), Set.of(),
                false), cold, NOW, 1, Stages.NONE);

        // Three of the first five from the crowded category, then the diversity rule reaches for the others.
        assertThat(list).hasSize(5);
        assertThat(list.stream().filter(item -> "same".equals(item.category())).count()).isEqualTo(3);
    }

    @Test
    void aSessionSeedsTheExplorationSlotSoRefreshingKeepsTheList() {
        RecommendRequest first = new RecommendRequest("u", 10, null, Optional.empty(), Set.of(), false,
                Optional.of("s-1"));
        RecommendRequest other = new RecommendRequest("u", 10, null, Optional.empty(), Set.of(), false,
                Optional.of("s-2"));
        RecommendRequest outside = new RecommendRequest("u", 10, null, Optional.empty(), Set.of(), false);

        assertThat(first.seed("request-1")).isEqualTo(first.seed("request-2"));
        assertThat(first.seed("request-1")).isNotEqualTo(other.seed("request-1"));
        assertThat(outside.seed("request-1")).isNotEqualTo(outside.seed("request-2"));
    }

    /** Indices by descending score. */
    private static List<Integer> order(double[] scores) {
        return java.util.stream.IntStream.range(0, scores.length)
                .boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a]))
                .toList();
    }
}
