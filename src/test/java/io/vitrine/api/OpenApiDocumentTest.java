package io.vitrine.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vitrine.testing.RedisTestResource;

/**
 * The OpenAPI document the service serves is the committed contract ({@code src/main/openapi/openapi.yaml}, from which
 * the clients are generated), and it is complete: every operation has an id, needs the API key, and documents its
 * errors as problem documents.
 * <p>
 * After an intended change of the API, regenerate the committed file with
 * {@code ./mvnw test -Dtest=OpenApiDocumentTest -Dopenapi.update=true} and commit it.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class OpenApiDocumentTest {
    private String servedText;
    private JsonNode served;

    @BeforeEach
    void fetch() {
        servedText = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        served = OpenApiDocuments.parse(servedText);
    }

    @Test
    void theServedDocumentIsTheCommittedFile() throws IOException {
        if (Boolean.getBoolean(OpenApiDocuments.UPDATE_PROPERTY)) {
            Files.createDirectories(OpenApiDocuments.COMMITTED.getParent());
            Files.writeString(OpenApiDocuments.COMMITTED, servedText, StandardCharsets.UTF_8);
            System.out.println("Wrote the served OpenAPI document to " + OpenApiDocuments.COMMITTED.toAbsolutePath());
        }
        List<String> differences = OpenApiDocuments.differences(OpenApiDocuments.committed(), served);

        assertThat(differences)
                .as("The OpenAPI document served at /q/openapi differs from %s in %d place(s):%n  %s%n"
                        + "If the change is intended, regenerate the file, review its diff and commit it (the clients"
                        + " are generated from it):%n  %s%n", OpenApiDocuments.COMMITTED, differences.size(),
                        String.join(System.lineSeparator() + "  ", differences.subList(0, Math.min(60,
                                differences.size()))),
                        OpenApiDocuments.REGENERATE)
                .isEmpty();
    }

    @Test
    void everyOperationHasAnIdTheApiKeyAndProblemErrors() {
        JsonNode schemes = served.path("components").path("securitySchemes");
        assertThat(schemes.path(ApiDocument.API_KEY).path("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.path(ApiDocument.API_KEY).path("in").asText()).isEqualTo("header");
        assertThat(schemes.path(ApiDocument.API_KEY).path("name").asText()).isEqualTo(ApiKeyFilter.HEADER);
        assertThat(schemes.path(ApiDocument.USER_TOKEN).path("scheme").asText()).isEqualTo("bearer");

        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        List<String> operations = new ArrayList<>();
        OpenApiDocuments.forEachOperation(served, (path, entry) -> {
            String name = entry.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path;
            JsonNode op = entry.getValue();
            operations.add(name);
            String id = op.path("operationId").asText("");
            if (id.isBlank()) {
                problems.add(name + ": no operationId");
            } else if (!operationIds.add(id)) {
                problems.add(name + ": operationId " + id + " is used twice");
            }
            if (op.path("summary").asText("").isBlank() || op.path("tags").isEmpty()) {
                problems.add(name + ": no summary or tag");
            }
            if (!path.startsWith("/q/")) {
                checkSecurity(name, op, schemes, problems);
                checkResponses(name, op, problems);
            }
        });

        assertThat(operations).as("operations").hasSizeGreaterThanOrEqualTo(15);
        assertThat(problems).as("incomplete operations").isEmpty();
    }

    /** Every alternative of the operation's security requirement includes the API key. */
    private static void checkSecurity(String name, JsonNode op, JsonNode schemes, List<String> problems) {
        JsonNode security = op.path("security");
        if (security.isEmpty()) {
            problems.add(name + ": no security requirement");
        }
        for (JsonNode alternative : security) {
            if (!alternative.has(ApiDocument.API_KEY)) {
                problems.add(name + ": a security alternative without " + ApiDocument.API_KEY + ": " + alternative);
            }
            alternative.fieldNames().forEachRemaining(scheme -> {
                if (!schemes.has(scheme)) {
                    problems.add(name + ": unknown security scheme " + scheme);
                }
            });
        }
    }

    /**
     * A success, the errors every /v1 call can meet, the body errors when it takes a body, and every error a problem
     * document.
     */
    private void checkResponses(String name, JsonNode op, List<String> problems) {
        JsonNode responses = op.path("responses");
        List<String> codes = new ArrayList<>();
        responses.fieldNames().forEachRemaining(codes::add);
        if (codes.stream().noneMatch(c -> c.startsWith("2"))) {
            problems.add(name + ": no 2xx response");
        }
        List<String> expected = new ArrayList<>(List.of("401", "403", "406", "429", "500"));
        if (op.has("requestBody")) {
            expected.addAll(List.of("400", "413", "415"));
        }
        boolean pathParameters = false;
        for (JsonNode parameter : op.path("parameters")) {
            pathParameters |= OpenApiDocuments.resolve(served, parameter).path("in").asText().equals("path");
        }
        if (pathParameters) {
            expected.add("400");
        }
        expected.stream()
                .filter(code -> !codes.contains(code))
                .forEach(code -> problems.add(name + ": no " + code + " response"));
        for (String code : codes) {
            if (code.startsWith("4") || code.startsWith("5")) {
                JsonNode response = OpenApiDocuments.resolve(served, responses.get(code));
                JsonNode content = response.path("content");
                JsonNode schema = content.path(Problem.MEDIA_TYPE).path("schema");
                if (content.size() != 1 || !schema.path("$ref").asText().equals("#/components/schemas/Problem")) {
                    problems.add(name + ": the " + code + " response is not only an " + Problem.MEDIA_TYPE
                            + " Problem: " + content);
                }
                if (response.path("description").asText("").isBlank()) {
                    problems.add(name + ": the " + code + " response has no description");
                }
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> references = OpenApiDocuments.references(served);

        assertThat(references).isNotEmpty();
        assertThat(references).allSatisfy(ref -> assertThat(served.at(ref.substring(1)).isMissingNode())
                .as("%s resolves", ref)
                .isFalse());
    }
}
