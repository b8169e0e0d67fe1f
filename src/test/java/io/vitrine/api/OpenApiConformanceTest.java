package io.vitrine.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vitrine.testing.RedisTestResource;

/**
 * The committed OpenAPI document says what the service does. Requests: every constraint of the document (lengths,
 * ranges, item counts, enumerations, patterns, formats, required properties) on every field of a valid body is tried at
 * its boundary, which the service must accept, and just beyond it, which the service must refuse with a 400 problem
 * naming that field. Answers: a tour of every operation checks that each status the service answers is documented for
 * the operation, with the documented media type, headers and a body that matches the documented schema (no undocumented
 * fields, nulls only where the document allows them).
 */
@QuarkusTest
// Its own redis-server: the thousand items and the event batches it stores stay out of the other tests' lists.
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "dedicated", value = "true"),
        scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OpenApiConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Properties that must differ between the elements of a generated array (a repeated variant name is refused). */
    private static final Set<String> UNIQUE_KEYS = Set.of("name", "eventId", "itemId");
    private static final String ANY_FIELD = "*";

    private final JsonNode document = OpenApiDocuments.committed();
    private final SchemaCheck schemas = new SchemaCheck(document);

    /**
     * A valid request body of an operation, and the schema component that describes it.
     *
     * @param alternative a property whose absence makes the body another alternative of the operation's oneOf (a
     *            feedback body without events is one event): removing it is refused, but not in its name
     */
    record Body(String method, String path, String schema, String json, String alternative) {
        Body(String method, String path, String schema, String json) {
            this(method, path, schema, json, null);
        }
    }

    /**
     * A body derived from a valid one: accepted when {@code rejectedField} is null, else a 400 naming that field (any
     * 400 when it is {@link #ANY_FIELD}).
     */
    record Case(String description, JsonNode body, String rejectedField) {
    }

    private static List<Body> bodies() {
        String recent = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String event = "{\"eventId\":\"e-$N\",\"userId\":\"u-conf\",\"type\":\"view\",\"itemId\":\"p-conf\","
                + "\"timestamp\":\"" + recent + "\",\"requestId\":\"r-conf\",\"value\":10.5,\"quantity\":2,"
                + "\"context\":{\"device\":\"ios\",\"locale\":\"de-CH\",\"sessionId\":\"s-1\",\"campaign\":\"c\"}}";
        String item = "{\"itemId\":\"p-conf\",\"title\":\"Phone\",\"category\":\"phone\",\"brand\":\"acme\","
                + "\"price\":10.5,\"currency\":\"EUR\",\"inStock\":true,\"createdAt\":\"2020-01-01T00:00:00Z\","
                + "\"tags\":[\"5g\"],\"promoted\":false,\"blocked\":false}";
        return List.of(
                new Body("POST", "/v1/recommend", "RecommendInput", "{\"userId\":\"u-conf\",\"count\":5,"
                        + "\"scene\":\"home\",\"itemId\":\"p-conf\",\"context\":{\"device\":\"ios\","
                        + "\"locale\":\"de-CH\",\"sessionId\":\"s-1\",\"campaign\":\"c\","
                        + "\"timestamp\":\"2026-01-01T00:00:00Z\"},\"exclude\":[\"p-x\"],\"explain\":true}"),
                new Body("POST", "/v1/feedback", "EventInput", event),
                new Body("POST", "/v1/feedback", "EventInput",
                        "{\"eventId\":\"e-$N\",\"userId\":\"u-conf\",\"type\":\"search\",\"query\":\"charger\"}"),
                new Body("POST", "/v1/feedback", "FeedbackBatch", "{\"events\":[" + event + "]}", "events"),
                new Body("POST", "/v1/ab-assign", "AssignInput", "{\"userId\":\"u-conf\",\"experiments\":[\"e-1\"]}"),
                new Body("POST", "/v1/items/batch", "ItemBatch", "{\"items\":[" + item + "]}"),
                new Body("PUT", "/v1/items/p-conf", "Item", item.replace("\"itemId\":\"p-conf\",", "")),
                new Body("PUT", "/v1/users/u-conf", "UserProfile",
                        "{\"device\":\"ios\",\"location\":\"CH\",\"signupAt\":\"2025-06-01T00:00:00Z\"}"),
                new Body("PUT", "/v1/experiments/$ID", "ExperimentInput", "{\"layer\":\"conformance\","
                        + "\"salt\":\"s-1\",\"status\":\"draft\",\"coverage\":0,\"offset\":0,\"variants\":["
                        + "{\"name\":\"a\",\"weight\":1,\"params\":{\"k\":\"v\"}},"
                        + "{\"name\":\"b\",\"weight\":2,\"params\":{}}],\"revision\":0}"));
    }

    @Test
    void requestConstraintsAreWhatTheValidatorsEnforce() throws JsonProcessingException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Body body : bodies()) {
            JsonNode base = JSON.readTree(body.json());
            JsonNode schema = document.path("components").path("schemas").path(body.schema());
            assertThat(schema.isObject()).as("schema %s", body.schema()).isTrue();
            assertThat(schemas.check(base, schema)).as("the valid %s body matches its schema", body.schema())
                    .isEmpty();
            List<Case> cases = new ArrayList<>();
            cases.add(new Case("the valid body", base, null));
            walk(schema, base, base, new ArrayList<>(), cases);
            cases.replaceAll(c -> c.description().equals("without " + body.alternative())
                    ? new Case(c.description(), c.body(), ANY_FIELD)
                    : c);
            for (Case c : cases) {
                checked++;
                Response r = send(body, c.body());
                String where = body.method() + " " + body.path() + " (" + body.schema() + ") " + c.description();
                if (c.rejectedField() == null) {
                    if (r.statusCode() >= 300) {
                        failures.add(where + ": expected 2xx, got " + r.statusCode() + " " + r.asString());
                    }
                } else if (r.statusCode() != 400
                        || !c.rejectedField().equals(ANY_FIELD) && !fields(r).contains(c.rejectedField())) {
                    failures.add(where + ": expected 400 naming " + c.rejectedField() + ", got " + r.statusCode()
                            + " " + r.asString());
                }
            }
        }

        System.out.printf("OpenApiConformanceTest: %d bodies derived from %d valid ones%n", checked, bodies().size());
        assertThat(failures).as("constraints of the document that the service does not enforce as documented")
                .isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    /** Derives the cases of every property of {@code schema} present in {@code node} (at {@code path} in the root). */
    private void walk(JsonNode schemaOrRef, JsonNode node, JsonNode root, List<Object> path, List<Case> out) {
        JsonNode schema = OpenApiDocuments.resolve(document, schemaOrRef);
        if (node.isObject() && schema.has("properties")) {
            for (JsonNode required : schema.path("required")) {
                if (node.has(required.asText())) {
                    List<Object> at = append(path, required.asText());
                    out.add(new Case("without " + name(at), with(root, at, null), name(at)));
                }
            }
            schema.get("properties").properties().forEach(property -> {
                if (node.has(property.getKey())) {
                    List<Object> at = append(path, property.getKey());
                    bounds(property.getValue(), node.get(property.getKey()), root, at, out);
                    walk(property.getValue(), node.get(property.getKey()), root, at, out);
                }
            });
        } else if (node.isArray() && !node.isEmpty() && schema.has("items")) {
            List<Object> at = append(path, 0);
            bounds(schema.get("items"), node.get(0), root, at, out);
            walk(schema.get("items"), node.get(0), root, at, out);
        }
    }

    /** The cases of one value's own constraints. */
    private void bounds(JsonNode schemaOrRef, JsonNode value, JsonNode root, List<Object> at, List<Case> out) {
        JsonNode s = OpenApiDocuments.resolve(document, schemaOrRef);
        String field = name(at);
        if (value.isTextual()) {
            if (s.has("maxLength")) {
                int max = s.get("maxLength").asInt();
                out.add(new Case(field + " of " + max + " characters", with(root, at, text(max)), null));
                out.add(new Case(field + " of " + (max + 1) + " characters", with(root, at, text(max + 1)), field));
            }
            if (s.path("minLength").asInt(0) > 0) {
                out.add(new Case(field + " empty", with(root, at, new TextNode("")), field));
            }
            if (s.has("enum")) {
                s.get("enum").forEach(v -> assertThat(v.asText()).doesNotContain("not-a-member"));
                out.add(new Case(field + " not in the enumeration", with(root, at, new TextNode("not-a-member")),
                        field));
            }
            if (s.has("pattern")) {
                out.add(new Case(field + " not matching its pattern", with(root, at, new TextNode("not valid!")),
                        field));
            }
            if (s.path("format").asText().equals("date-time")) {
                out.add(new Case(field + " not a date-time", with(root, at, new TextNode("yesterday")), field));
            }
        } else if (value.isNumber()) {
            boolean integer = s.path("type").asText().equals("integer");
            if (s.has("maximum")) {
                double max = s.get("maximum").asDouble();
                out.add(new Case(field + " = maximum", with(root, at, number(max, integer)), null));
                out.add(new Case(field + " above the maximum", with(root, at, number(max + 1, integer)), field));
            }
            if (s.has("minimum")) {
                double min = s.get("minimum").asDouble();
                out.add(new Case(field + " = minimum", with(root, at, number(min, integer)), null));
                out.add(new Case(field + " below the minimum", with(root, at, number(min - 1, integer)), field));
            }
            if (s.path("exclusiveMinimum").isNumber()) {
                out.add(new Case(field + " = exclusive minimum",
                        with(root, at, number(s.get("exclusiveMinimum").asDouble(), integer)), field));
            }
        } else if (value.isArray() && !value.isEmpty()) {
            if (s.has("maxItems")) {
                int max = s.get("maxItems").asInt();
                out.add(new Case(field + " with " + max + " elements", with(root, at, repeat(value.get(0), max)),
                        null));
                out.add(new Case(field + " with " + (max + 1) + " elements",
                        with(root, at, repeat(value.get(0), max + 1)), field));
            }
            if (s.has("minItems")) {
                int min = s.get("minItems").asInt();
                out.add(new Case(field + " with " + min + " elements", with(root, at, repeat(value.get(0), min)),
                        null));
                out.add(new Case(field + " with " + (min - 1) + " elements",
                        with(root, at, repeat(value.get(0), min - 1)), field));
            }
        }
    }

    @Test
    void pathParameterLimitsAreWhatTheServerEnforces() throws JsonProcessingException {
        List<String> failures = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        List<Body> bodies = bodies();
        OpenApiDocuments.forEachOperation(document, (template, entry) -> {
            for (JsonNode parameter : entry.getValue().path("parameters")) {
                JsonNode p = OpenApiDocuments.resolve(document, parameter);
                int max = p.path("schema").path("maxLength").asInt(-1);
                if (!p.path("in").asText().equals("path") || max < 0) {
                    continue;
                }
                String method = entry.getKey().toUpperCase(Locale.ROOT);
                String body = entry.getValue().has("requestBody")
                        ? bodies.stream()
                                .filter(b -> b.method().equals(method) && b.path()
                                        .replaceAll("/[^/]+$", "")
                                        .equals(template.replaceAll("/\\{[^}]+}$", "")))
                                .map(Body::json)
                                .findFirst()
                                .orElseThrow(() -> new AssertionError("no body for " + method + " " + template))
                        : null;
                String name = p.path("name").asText();
                for (int length : List.of(max, max + 1)) {
                    String value = "x".repeat(length);
                    JsonNode json = body == null ? null : uniqueIds(body);
                    Response r = request(json).pathParam(name, value).request(method, template);
                    checked.add(method + " " + template + " " + length);
                    boolean refused = r.statusCode() == 400 && fields(r).contains(name);
                    if (length > max != refused || r.statusCode() >= 500) {
                        failures.add(method + " " + template + " with a " + name + " of " + length
                                + " characters (maxLength " + max + "): " + r.statusCode() + " " + r.asString());
                    }
                }
            }
        });

        assertThat(failures).as("path parameter limits of the document that the service does not enforce").isEmpty();
        assertThat(checked).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void everyAnswerIsDocumentedForItsOperation() {
        List<String> failures = new ArrayList<>();
        String item = "{\"title\":\"Phone\",\"category\":\"phone\",\"price\":10,\"currency\":\"EUR\","
                + "\"createdAt\":\"2020-01-01T00:00:00Z\",\"tags\":[\"5g\"]}";
        String experiment = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        String running = "{\"layer\":\"conformance-tour\",\"status\":\"running\",\"coverage\":1,\"variants\":["
                + "{\"name\":\"control\"},{\"name\":\"green\",\"params\":{\"color\":\"green\",\"rows\":3}}]}";
        String user = "u-tour-" + UUID.randomUUID();

        try {
            tour(failures, item, experiment, running, user);
        } finally {
            // A running experiment would assign the users of other tests in this application.
            admin().body(running.replace("running", "stopped")).put("/v1/experiments/{id}", experiment);
            admin().delete("/v1/experiments/{id}", experiment);
        }
        assertThat(failures).as("answers the document does not describe").isEmpty();
    }

    private void tour(List<String> failures, String item, String experiment, String running, String user) {
        conform(failures, 200, "PUT", "/v1/items/{itemId}", admin().body(item), "p-tour-1");
        conform(failures, 200, "POST", "/v1/items/batch", admin().body("{\"items\":[{\"itemId\":\"p-tour-2\",\"title\":"
                + "\"Case\"},{\"itemId\":\"p-tour-3\"}]}"));
        conform(failures, 200, "GET", "/v1/items/{itemId}", admin(), "p-tour-1");
        conform(failures, 404, "GET", "/v1/items/{itemId}", admin(), "p-tour-none");
        conform(failures, 200, "PUT", "/v1/users/{userId}", admin().body("{\"device\":\"ios\"}"), user);
        conform(failures, 200, "PUT", "/v1/experiments/{id}", admin().body(running), experiment);
        conform(failures, 409, "PUT", "/v1/experiments/{id}", admin().body(running.replace("green", "blue")),
                experiment);
        conform(failures, 200, "GET", "/v1/experiments", admin());
        conform(failures, 200, "GET", "/v1/experiments/{id}", admin(), experiment);
        conform(failures, 404, "GET", "/v1/experiments/{id}", admin(), "exp-none");
        conform(failures, 200, "POST", "/v1/ab-assign", client().body("{\"userId\":\"" + user + "\",\"experiments\":[\""
                + experiment + "\",\"exp-none\"]}"));
        Response list = conform(failures, 200, "POST", "/v1/recommend", client().body("{\"userId\":\"" + user
                + "\",\"count\":3,\"explain\":true}"));
        String requestId = list.jsonPath().getString("requestId");
        conform(failures, 202, "POST", "/v1/feedback", client().body("{\"eventId\":\"e-" + UUID.randomUUID()
                + "\",\"userId\":\"" + user + "\",\"type\":\"click\",\"itemId\":\"p-tour-1\",\"requestId\":\""
                + requestId + "\"}"));
        conform(failures, 202, "POST", "/v1/feedback",
                client().body("{\"events\":[{\"eventId\":\"e-" + UUID.randomUUID()
                        + "\",\"userId\":\"" + user
                        + "\",\"type\":\"purchase\",\"itemId\":\"p-tour-1\",\"value\":10}]}"));
        conform(failures, 400, "POST", "/v1/feedback", client().body("{\"events\":[{\"userId\":\"" + user + "\"}]}"));
        conform(failures, 200, "GET", "/v1/experiments/{id}/report", admin(), experiment);
        conform(failures, 409, "DELETE", "/v1/experiments/{id}", admin(), experiment);
        conform(failures, 200, "PUT", "/v1/experiments/{id}", admin().body(running.replace("running", "stopped")),
                experiment);
        // Generated clients accept only problem documents where the success has no body.
        conform(failures, 204, "DELETE", "/v1/experiments/{id}", admin().accept(Problem.MEDIA_TYPE), experiment);
        conform(failures, 404, "DELETE", "/v1/experiments/{id}", admin().accept(Problem.MEDIA_TYPE), experiment);
        conform(failures, 204, "DELETE", "/v1/users/{userId}", admin().accept(Problem.MEDIA_TYPE), user);
        conform(failures, 200, "GET", "/v1/model", admin());
        conform(failures, 200, "POST", "/v1/model/reload", admin());
        // Errors every operation can meet.
        conform(failures, 401, "POST", "/v1/recommend", given().contentType("application/json").body("{}"));
        conform(failures, 401, "GET", "/v1/model", given().header(ApiKeyFilter.HEADER, "wrong"));
        conform(failures, 403, "GET", "/v1/model", client());
        conform(failures, 406, "GET", "/v1/model", admin().accept("application/xml"));
        conform(failures, 415, "POST", "/v1/ab-assign", client().contentType("text/plain").body("{}"));
        conform(failures, 413, "POST", "/v1/feedback", client().body("{\"events\":[" + "\"x\",".repeat(400_000)
                + "1]}"));
    }

    /** Sends a request, expecting {@code expected}, and checks the answer against the operation's documented ones. */
    private Response conform(List<String> failures, int expected, String method, String template,
            RequestSpecification request, Object... pathValues) {
        Response r = request.request(method, template, pathValues);
        String where = method + " " + template + " -> " + r.statusCode();
        if (r.statusCode() != expected) {
            failures.add(where + ": expected " + expected + ": " + r.asString());
        }
        JsonNode op = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            failures.add(where + ": no such operation in the document");
            return r;
        }
        JsonNode response = op.path("responses").path(Integer.toString(r.statusCode()));
        if (response.isMissingNode()) {
            failures.add(where + ": status not documented for the operation: " + r.asString());
            return r;
        }
        response = OpenApiDocuments.resolve(document, response);
        response.path("headers").fieldNames().forEachRemaining(header -> {
            if (r.header(header) == null) {
                failures.add(where + ": documented header " + header + " missing");
            }
        });
        JsonNode content = response.path("content");
        String body = r.asString();
        if (content.isEmpty()) {
            if (!body.isEmpty()) {
                failures.add(where + ": a body where none is documented: " + body);
            }
            return r;
        }
        String type = r.contentType() == null ? "" : r.contentType().replaceAll(";.*", "").trim();
        if (!content.has(type)) {
            failures.add(where + ": content type " + type + " where " + content.fieldNames().next()
                    + " is documented");
            return r;
        }
        try {
            schemas.check(JSON.readTree(body), content.get(type).path("schema"))
                    .forEach(problem -> failures.add(where + ": " + problem));
        } catch (JsonProcessingException e) {
            failures.add(where + ": not JSON: " + body);
        }
        return r;
    }

    private Response send(Body body, JsonNode json) {
        String path = body.path().replace("$ID", "exp-" + UUID.randomUUID().toString().substring(0, 8));
        return request(uniqueIds(json.toString())).request(body.method(), path);
    }

    private static RequestSpecification request(JsonNode json) {
        RequestSpecification r = admin();
        return json == null ? r : r.body(json.toString());
    }

    private static RequestSpecification admin() {
        return ApiTestSupport.admin();
    }

    private static RequestSpecification client() {
        return ApiTestSupport.client();
    }

    /** Each {@code e-$N} becomes a fresh event id, so every call stores its events. */
    private static JsonNode uniqueIds(String json) {
        try {
            String text = json;
            while (text.contains("$N")) {
                text = text.replaceFirst("\\$N", UUID.randomUUID().toString());
            }
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields a 400 problem names. */
    private static List<String> fields(Response r) {
        try {
            List<String> out = new ArrayList<>();
            JSON.readTree(r.asString()).path("errors").forEach(e -> out.add(e.path("field").asText()));
            return out;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> out = new ArrayList<>(path);
        out.add(segment);
        return out;
    }

    /** A path as the validators name it: {@code events[0].context.device}. */
    private static String name(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object segment : path) {
            if (segment instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(segment);
            }
        }
        return out.toString();
    }

    /** A copy of {@code root} with the value at {@code path} replaced, or removed when {@code value} is null. */
    private static JsonNode with(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            Object segment = path.get(i);
            parent = segment instanceof Integer index ? parent.get(index) : parent.get((String) segment);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else if (value == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    /** {@code n} copies of {@code element}, with the {@link #UNIQUE_KEYS} made distinct. */
    private static ArrayNode repeat(JsonNode element, int n) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            JsonNode copy = element.deepCopy();
            if (copy instanceof ObjectNode object) {
                for (String key : UNIQUE_KEYS) {
                    if (object.path(key).isTextual()) {
                        object.put(key, object.get(key).asText() + "-" + i);
                    }
                }
            }
            out.add(copy);
        }
        return out;
    }

    private static TextNode text(int length) {
        return new TextNode("x".repeat(length));
    }

    private static JsonNode number(double value, boolean integer) {
        return integer ? LongNode.valueOf((long) value) : DoubleNode.valueOf(value);
    }
}
