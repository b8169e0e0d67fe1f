package io.vitrine.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ItemFeatures;

/**
 * The ranking vector takes the item's statistics from {@link ItemFeatures#statistics()} at the places it names them.
 */
class RankingFeaturesTest {
    @Test
    void theItemStatisticsSitWhereTheVectorNamesThem() {
        List<String> atPlaces = new ArrayList<>(RankingFeatures.NAMES.subList(5, 14));
        atPlaces.addAll(RankingFeatures.NAMES.subList(24, 26));

        assertThat(atPlaces).isEqualTo(ItemFeatures.STATISTICS.stream().map(s -> "item." + s).toList());
    }
}
