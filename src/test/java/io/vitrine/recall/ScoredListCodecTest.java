package io.vitrine.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vitrine.feature.ScoredItem;
import io.vitrine.recall.ScoredListCodec.Precision;

class ScoredListCodecTest {
    @Test
    void writesReadableLinesAndEscapesOnlyWhatItMust() {
        List<ScoredItem> list = List.of(new ScoredItem("p{1}:é", 0.5f), new ScoredItem("a\tb\nc\\d", 0.1f));

        String text = ScoredListCodec.encode(list, Precision.FLOAT);

        assertThat(text).isEqualTo("p{1}:é\t0.5\na\\tb\\nc\\\\d\t0.1");
        assertThat(ScoredListCodec.decode(text, Precision.FLOAT, 10)).containsExactlyElementsOf(list);
        assertThat(ScoredListCodec.decode(text, Precision.FLOAT, 1)).containsExactly(list.get(0));
        assertThat(ScoredListCodec.decode("", Precision.FLOAT, 10)).isEmpty();
    }

    @Test
    void doublePrecisionKeepsEveryBit() {
        List<ScoredItem> list = List.of(new ScoredItem("a", 0.1 + 0.2), new ScoredItem("b", 1e-300),
                new ScoredItem("c", -Double.MAX_VALUE));

        String text = ScoredListCodec.encode(list, Precision.DOUBLE);

        assertThat(ScoredListCodec.decode(text, Precision.DOUBLE, 10)).containsExactlyElementsOf(list);
    }

    @Test
    void refusesScoresItCannotWriteExactly() {
        assertThatThrownBy(() -> ScoredListCodec.encode(List.of(new ScoredItem("a", 0.1)), Precision.FLOAT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoredListCodec.encode(List.of(new ScoredItem("a", Double.NaN)), Precision.DOUBLE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : new String[]{"a", "a\t1\nb", "a\tx", "a\\q\t1", "a\\", "a\n\t1"}) {
            assertThatThrownBy(() -> ScoredListCodec.decode(bad, Precision.DOUBLE, 10)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
