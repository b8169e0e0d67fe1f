package io.vitrine.api;

import static io.vitrine.api.ApiTestSupport.admin;
import static io.vitrine.api.ApiTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.event.Event;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.FeatureUpdater;
import io.vitrine.memory.InMemoryFeatureStore;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelBundle;
import io.vitrine.pipeline.Pipeline;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.pipeline.PipelineSettings;
import io.vitrine.port.ObjectStore;
import io.vitrine.rank.RankingFeatures;
import io.vitrine.recall.AlsSettings;
import io.vitrine.recall.EaseSettings;
import io.vitrine.rerank.RankedItem;
import io.vitrine.storage.ObjectStores;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.S3ProxyServer;
import io.vitrine.testing.S3TestResource;
import io.vitrine.testing.ServiceStores;
import io.vitrine.train.ExampleOptions;
import io.vitrine.train.PipelineEvaluation;
import io.vitrine.train.TrainerParameters;
import io.vitrine.train.TrainingOptions;
import io.vitrine.train.TrainingPipeline;

/**
 * The offline evaluation runs what serving runs: for the same stored state, the list the evaluation computes for a user
 * ({@link PipelineEvaluation#list}, over the events replayed in memory, with the published bundle) equals what
 * {@code POST /v1/recommend} answers, item for item, with exploration off (both variants of an experiment set it off
 * for everyone, so the served pipeline is the configured one plus that parameter).
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "dedicated", value = "true"),
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = S3TestResource.class, initArgs = @ResourceArg(name = "model-bucket", value = "true"),
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PipelineParityTest {
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static final DemoMarketplace MARKET = new DemoMarketplace(new DemoSettings(300, 100, 8, 17, END));
    private static final FeatureSettings FEATURES = FeatureSettings.defaults();

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @S3TestResource.InjectS3
    S3ProxyServer s3;

    @S3TestResource.InjectModelUri
    String modelUri;

    @Test
    void theEvaluationsListForAUserIsWhatRecommendAnswers() {
        ServiceStores stores = ServiceStores.of(redis);
        stores.catalog().upsertItems(MARKET.items());
        stores.catalog().upsertUsers(MARKET.users());
        List<Event> events = new ArrayList<>();
        MARKET.events(events::add);
        stores.feedback().ingestValid(events::forEach, 500);
        TrainingPipeline.Result trained = new TrainingPipeline(FEATURES, PipelineSettings.defaults(),
                new TrainingOptions(ExampleOptions.candidates(END.minus(Duration.ofDays(2))),
                        new TrainerParameters(20, 4, 0.3, 1, 1, 1, 1, 0, 2, 3), 400_000,
                        AlsSettings.defaults().withFactors(8).withIterations(3).withThreads(2),
                        EaseSettings.defaults()))
                .run(MARKET.items(), MARKET::events, n -> {
                });
        ModelBundle bundle;
        try (ObjectStore store = ObjectStores.open(modelUri, s3.settings())) {
            String version = trained.publish(store, Clock.systemUTC()).version();
            bundle = new BundleReader(store, RankingFeatures.schemaHash(FEATURES))
                    .load(version);
        }
        admin().post("/v1/model/reload")
                .then()
                .statusCode(200)
                .body("version",
                        org.hamcrest.Matchers.equalTo(bundle.manifest().version()));
        admin().contentType("application/json")
                .body(Map.of("layer", "recommend", "status", "running", "variants", List.of(
                        Map.of("name", "control", "params", Map.of("rerank.exploration.epsilon", 0)),
                        Map.of("name", "same", "params", Map.of("rerank.exploration.epsilon", 0)))))
                .put("/v1/experiments/no-exploration")
                .then()
                .statusCode(200);
        PipelineSettings served = PipelineParameters.apply(PipelineSettings.defaults(),
                Map.of("rerank.exploration.epsilon", 0));
        InMemoryFeatureStore state = new InMemoryFeatureStore(FEATURES);
        state.upsertItems(MARKET.items());
        state.upsertUsers(MARKET.users());
        FeatureUpdater updater = new FeatureUpdater(FEATURES);
        Map<String, io.vitrine.catalog.Item> items = new java.util.HashMap<>();
        MARKET.items().forEach(i -> items.put(i.itemId(), i));
        events.forEach(e -> state.apply(updater.updatesFor(e, e.itemId() == null ? null : items.get(e.itemId()))));
        Pipeline offline = PipelineEvaluation.offline(served, bundle.tables(), bundle.ranker(), state, FEATURES);

        int compared = 0;
        for (int u = 1; u <= 300; u += 15) {
            String userId = "user-" + u;
            List<String> answered = client().body(Map.of("userId", userId, "count", 10))
                    .post("/v1/recommend")
                    .then()
                    .statusCode(200)
                    .body("degraded", org.hamcrest.Matchers.equalTo(false))
                    .body("experiments[0].id", org.hamcrest.Matchers.equalTo("no-exploration"))
                    .extract()
                    .jsonPath()
                    .getList("items.itemId", String.class);
            List<RankedItem> evaluated = PipelineEvaluation.list(offline, state, FEATURES, userId, 10, Set.of(),
                    Instant.now());

            assertThat(evaluated).extracting(RankedItem::itemId).as(userId).containsExactlyElementsOf(answered);
            compared++;
        }
        assertThat(compared).isEqualTo(20);
    }
}
