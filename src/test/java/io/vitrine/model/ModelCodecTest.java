package io.vitrine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.vitrine.rank.RankingFeatures;
import io.vitrine.rank.TribuoRanker;
import io.vitrine.train.RankerTrainer;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingExample;

class ModelCodecTest {

    /** A small model on a planted rule (engaged when feature 0 plus noise is high). */
    static Model<Label> smallModel(List<double[]> probe) {
        SplittableRandom random = new SplittableRandom(5);
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            double[] v = new double[RankingFeatures.NAMES.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = random.nextDouble();
            }
            examples.add(new TrainingExample("u", "i" + i, i, v, v[0] + 0.3 * random.nextGaussian() > 0.6));
            if (i % 6 == 0) {
                probe.add(v);
            }
        }
        return new RankerTrainer(new TrainerParameters(20, 3, 0.3, 1, 1, 1, 1, 0, 1, 3)).train(examples);
    }

    @Test
    void aModelReadBackFromItsProtobufBytesScoresIdentically() {
        List<double[]> probe = new ArrayList<>();
        Model<Label> model = smallModel(probe);

        byte[] bytes = ModelCodec.toBytes(model);
        Model<Label> loaded = ModelCodec.fromBytes(bytes);

        assertThat(new TribuoRanker(loaded).score(probe)).containsExactly(new TribuoRanker(model).score(probe));
        assertThat(ModelCodec.sha256(bytes)).hasSize(64).isEqualTo(ModelCodec.sha256(ModelCodec.toBytes(loaded)));
    }

    @Test
    void bytesThatAreNoModelAreRefused() {
        assertThatThrownBy(() -> ModelCodec.fromBytes("not a model".getBytes()))
                .isInstanceOf(BundleException.class);
    }
}
