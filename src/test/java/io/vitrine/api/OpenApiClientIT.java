package io.vitrine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vitrine.client.ApiClient;
import io.vitrine.client.ApiException;
import io.vitrine.client.api.CatalogApi;
import io.vitrine.client.api.ExperimentsApi;
import io.vitrine.client.api.FeedbackApi;
import io.vitrine.client.api.RecommendApi;
import io.vitrine.client.model.AssignInput;
import io.vitrine.client.model.AssignResponse;
import io.vitrine.client.model.Assignment;
import io.vitrine.client.model.EventInput;
import io.vitrine.client.model.Experiment;
import io.vitrine.client.model.ExperimentInput;
import io.vitrine.client.model.ExperimentReport;
import io.vitrine.client.model.FeedbackBatch;
import io.vitrine.client.model.FeedbackResponse;
import io.vitrine.client.model.FieldViolation;
import io.vitrine.client.model.Item;
import io.vitrine.client.model.ItemBatch;
import io.vitrine.client.model.RecommendInput;
import io.vitrine.client.model.RecommendResponse;
import io.vitrine.client.model.RecommendedItem;
import io.vitrine.client.model.SendFeedbackRequest;
import io.vitrine.client.model.VariantInput;
import io.vitrine.client.model.VariantReport;
import io.vitrine.testing.RedisTestResource;

/**
 * The Java client generated at build time from the committed OpenAPI document (package {@code io.vitrine.client},
 * target/generated-test-sources) talks to the packaged application: recommend, feedback and ab-assign answer what the
 * document promises, and a refused request reaches the caller as the client's {@link ApiException} carrying the problem
 * document.
 */
@QuarkusIntegrationTest
@TestProfile(OpenApiClientIT.Keys.class)
@WithTestResource(RedisTestResource.class)
class OpenApiClientIT {
    private static final String CLIENT_KEY = "it-client-key";
    private static final String ADMIN_KEY = "it-admin-key";

    /** The packaged application runs in the prod profile: it needs keys, and its own key prefix and model directory. */
    public static class Keys implements QuarkusTestProfile {
        private static final String PREFIX = "it-openapi-" + UUID.randomUUID();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vitrine.security.client-keys", CLIENT_KEY,
                    "vitrine.security.admin-keys", ADMIN_KEY,
                    "vitrine.redis.key-prefix", PREFIX,
                    "vitrine.model.uri", "file:target/it-models",
                    // A loaded build machine can be slower than the production deadlines on a cold first request.
                    "vitrine.recommend.request-timeout", "PT5S",
                    "vitrine.recommend.user-timeout", "PT5S",
                    "vitrine.recommend.recall-timeout", "PT5S",
                    "vitrine.recommend.features-timeout", "PT5S");
        }
    }

    @Test
    void recommendFeedbackAndAbAssignThroughTheGeneratedClient() throws ApiException {
        ApiClient admin = client(ADMIN_KEY);
        ApiClient app = client(CLIENT_KEY);
        String user = "u-" + UUID.randomUUID();
        String experiment = "it-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime yesterday = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).withNano(0);
        List<Item> items = List.of(
                new Item().itemId("it-phone")
                        .title("Phone")
                        .category("phone")
                        .brand("acme")
                        .price(499.0)
                        .currency("EUR")
                        .createdAt(yesterday)
                        .tags(List.of("5g")),
                new Item().itemId("it-case")
                        .title("Case")
                        .category("case")
                        .brand("acme")
                        .price(19.5)
                        .currency("EUR")
                        .createdAt(yesterday),
                new Item().itemId("it-charger")
                        .title("Charger")
                        .category("charger")
                        .brand("volt")
                        .price(29.0)
                        .currency("EUR")
                        .createdAt(yesterday));
        assertThat(new CatalogApi(admin).upsertItems(new ItemBatch().items(items)).getUpserted()).isEqualTo(3);
        Experiment stored = new ExperimentsApi(admin).putExperiment(experiment, new ExperimentInput()
                .layer("checkout-" + experiment)
                .status(ExperimentInput.StatusEnum.RUNNING)
                .variants(List.of(new VariantInput().name("control").params(Map.of("color", "blue")),
                        new VariantInput().name("green").params(Map.of("color", "green")))));
        assertThat(stored.getStatus()).isEqualTo(Experiment.StatusEnum.RUNNING);
        assertThat(stored.getRevision()).isEqualTo(1L);

        try {
            AssignResponse assigned = new ExperimentsApi(app).abAssign(new AssignInput().userId(user)
                    .experiments(List.of(experiment, "it-unknown")));
            assertThat(assigned.getUserId()).isEqualTo(user);
            assertThat(assigned.getUnknownExperiments()).containsExactly("it-unknown");
            Assignment assignment = assigned.getAssignments().get(0);
            assertThat(assigned.getAssignments()).hasSize(1);
            assertThat(assignment.getExperiment()).isEqualTo(experiment);
            assertThat(assignment.getVariant()).isIn("control", "green");
            assertThat(assignment.getParams())
                    .containsEntry("color", assignment.getVariant().equals("green") ? "green" : "blue");

            RecommendResponse list = new RecommendApi(app).recommend(new RecommendInput().userId(user)
                    .count(2)
                    .explain(true));
            assertThat(list.getRequestId()).isNotBlank();
            assertThat(list.getUserId()).isEqualTo(user);
            assertThat(list.getDegraded()).isFalse();
            assertThat(list.getModel().getName()).isEqualTo("recall-score");
            assertThat(list.getModel().getVersion()).isNull();
            assertThat(list.getExperiments()).isEmpty();
            assertThat(list.getItems()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            for (RecommendedItem item : list.getItems()) {
                assertThat(item.getSources()).isNotEmpty();
                assertThat(item.getExplanation()).isNotNull();
                assertThat(item.getExplanation().getModelScore()).isNull();
            }

            String clicked = list.getItems().get(0).getItemId();
            EventInput click = new EventInput().eventId("e-" + UUID.randomUUID())
                    .userId(user)
                    .type(EventInput.TypeEnum.CLICK)
                    .itemId(clicked)
                    .requestId(list.getRequestId());
            FeedbackApi feedback = new FeedbackApi(app);
            assertThat(feedback.sendFeedback(new SendFeedbackRequest(click)))
                    .isEqualTo(new FeedbackResponse().accepted(1).duplicates(0));
            assertThat(feedback.sendFeedback(new SendFeedbackRequest(click)))
                    .as("a retried event is counted once")
                    .isEqualTo(new FeedbackResponse().accepted(0).duplicates(1));
            FeedbackResponse batch = feedback.sendFeedback(new SendFeedbackRequest(new FeedbackBatch().events(List.of(
                    new EventInput().eventId("e-" + UUID.randomUUID())
                            .userId(user)
                            .type(EventInput.TypeEnum.PURCHASE)
                            .itemId(clicked)
                            .value(499.0)
                            .quantity(1),
                    new EventInput().eventId("e-" + UUID.randomUUID())
                            .userId(user)
                            .type(EventInput.TypeEnum.SEARCH)
                            .query("charger")))));
            assertThat(batch).isEqualTo(new FeedbackResponse().accepted(2).duplicates(0));

            ExperimentReport report = new ExperimentsApi(admin).getExperimentReport(experiment);
            VariantReport mine = report.getVariants()
                    .stream()
                    .filter(v -> v.getName().equals(assignment.getVariant()))
                    .findFirst()
                    .orElseThrow();
            assertThat(report.getControl()).isEqualTo("control");
            assertThat(mine.getUsers()).isEqualTo(1L);
            assertThat(mine.getClicks()).isEqualTo(1L);
            assertThat(mine.getPurchases()).isEqualTo(1L);
            assertThat(mine.getRevenue()).isEqualTo(499.0);
        } finally {
            new ExperimentsApi(admin).putExperiment(experiment, new ExperimentInput().layer("checkout-" + experiment)
                    .status(ExperimentInput.StatusEnum.STOPPED)
                    .variants(List.of(new VariantInput().name("control").params(Map.of("color", "blue")),
                            new VariantInput().name("green").params(Map.of("color", "green")))));
            new ExperimentsApi(admin).deleteExperiment(experiment);
        }
    }

    @Test
    void aRefusedRequestIsTheClientsApiExceptionWithTheProblem() throws Exception {
        ApiClient app = client(CLIENT_KEY);

        ApiException tooMany = catchThrowableOfType(ApiException.class,
                () -> new RecommendApi(app).recommend(new RecommendInput().userId("u-1").count(0)));
        assertThat(tooMany.getCode()).isEqualTo(400);
        assertThat(tooMany.getResponseHeaders().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
        io.vitrine.client.model.Problem problem = app.getObjectMapper()
                .readValue(tooMany.getResponseBody(),
                        io.vitrine.client.model.Problem.class);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).hasToString("urn:vitrine:problem:validation");
        assertThat(problem.getInstance()).isEqualTo("/v1/recommend");
        assertThat(problem.getErrors()).extracting(FieldViolation::getField).containsExactly("count");

        ApiException invalidEvent = catchThrowableOfType(ApiException.class,
                () -> new FeedbackApi(app).sendFeedback(new SendFeedbackRequest(new FeedbackBatch().events(List.of(
                        new EventInput().eventId("e-" + UUID.randomUUID())
                                .userId("u-1")
                                .type(EventInput.TypeEnum.CLICK)
                                .itemId("it-phone"),
                        new EventInput().eventId("e-" + UUID.randomUUID())
                                .type(EventInput.TypeEnum.SEARCH)
                                .itemId("it-phone"))))));
        assertThat(invalidEvent.getCode()).isEqualTo(400);
        assertThat(app.getObjectMapper()
                .readValue(invalidEvent.getResponseBody(),
                        io.vitrine.client.model.Problem.class)
                .getErrors())
                .extracting(FieldViolation::getField)
                .containsExactlyInAnyOrder("events[1].userId", "events[1].itemId", "events[1].query");

        ApiException noKey = catchThrowableOfType(ApiException.class,
                () -> new ExperimentsApi(client("not-a-key")).abAssign(new AssignInput().userId("u-1")));
        assertThat(noKey.getCode()).isEqualTo(401);
        assertThat(noKey.getResponseHeaders().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-Api-Key\"");

        ApiException notAdmin = catchThrowableOfType(ApiException.class,
                () -> new ExperimentsApi(app).listExperiments());
        assertThat(notAdmin.getCode()).isEqualTo(403);
    }

    /** A client of the running application that sends {@code key} as X-Api-Key. */
    private static ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(RestAssured.baseURI + ":" + RestAssured.port);
        client.setRequestInterceptor(request -> request.header(ApiKeyFilter.HEADER, key));
        return client;
    }
}
