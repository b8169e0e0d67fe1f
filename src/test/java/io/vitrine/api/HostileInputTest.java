package io.vitrine.api;

import static io.vitrine.validation.Fields.emptyToNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vitrine.api.HostileJson.J;
import io.vitrine.catalog.Item;
import io.vitrine.port.CatalogStore;
import io.vitrine.redis.RedisCommands;
import io.vitrine.redis.RedisKeys;
import io.vitrine.testing.RedisServerProcess;
import io.vitrine.testing.RedisTestResource;
import io.vitrine.testing.ServiceStores;

/**
 * Property tests of the HTTP edge under hostile input. For every endpoint of {@link #ENDPOINTS}: first a fixed sweep
 * (every field of a valid body replaced by every extreme value and removed; malformed bodies, wrong content types,
 * hostile path ids and headers), then {@link #TRIES} random attacks (1 to 3 mutations of a valid body, hostile values
 * as the whole body, raw malformed bytes). Properties of every answer:
 * <ul>
 * <li>never a 5xx, always an HTTP answer;</li>
 * <li>every 4xx is {@code application/problem+json} whose {@code status} is the HTTP status;</li>
 * <li>a rejected write stores nothing: the event log length is unchanged and Redis holds no new key.</li>
 * </ul>
 * A failing body is shrunk to a small one. Runs are random but reproducible: the seed is printed and can be fixed with
 * {@code -Dhostile.seed=...}; {@code -Dhostile.tries=...} sets the number of random attacks.
 * <p>
 * Why not jqwik: see the README (Development, "Hostile input"). The generators are plain functions of a
 * {@link SplittableRandom} in {@link HostileJson}, and the test is an ordinary JUnit parameterized test, so it runs
 * inside the one application that {@code @QuarkusTest} starts for all tests with the same resources.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class HostileInputTest {
    @RedisTestResource.InjectRedis
    RedisServerProcess redisServer;

    private RedisCommands redis;
    private RedisKeys keys;
    private CatalogStore catalog;

    @BeforeEach
    void openStores() {
        ServiceStores stores = ServiceStores.of(redisServer);
        redis = stores.redis();
        keys = stores.keys();
        catalog = stores.catalog();
    }

    private static final int TRIES = Integer.getInteger("hostile.tries", 150);
    private static final long SEED = Long.getLong("hostile.seed", new SecureRandom().nextLong());
    /** Distinct failures reported per endpoint before giving up on it. */
    private static final int MAX_FAILURES = 6;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String EVENT = "{\"eventId\":\"$ID\",\"userId\":\"$USER\",\"type\":\"purchase\","
            + "\"itemId\":\"$ITEM\",\"timestamp\":\"$NOW\",\"requestId\":\"r-1\",\"value\":9.5,\"quantity\":2,"
            + "\"context\":{\"device\":\"ios\",\"locale\":\"en-US\",\"sessionId\":\"s-1\",\"campaign\":\"c-1\"}}";
    private static final String SEARCH = "{\"eventId\":\"$ID2\",\"userId\":\"$USER\",\"type\":\"search\","
            + "\"query\":\"usb c charger\"}";
    private static final String ITEM = "{\"itemId\":\"$ITEM\",\"title\":\"Phone X\",\"category\":\"phone\","
            + "\"brand\":\"acme\",\"price\":199.5,\"currency\":\"EUR\",\"inStock\":true,"
            + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"tags\":[\"5g\",\"dual-sim\"],\"promoted\":false,"
            + "\"blocked\":false}";

    /** A draft in a layer of its own, so an attack that happens to be valid never changes a recommend response. */
    private static final String EXPERIMENT = "{\"layer\":\"ui.hostile\",\"salt\":\"s-1\",\"status\":\"draft\","
            + "\"coverage\":0.5,\"offset\":10,\"variants\":[{\"name\":\"control\",\"weight\":1,\"params\":{}},"
            + "{\"name\":\"b\",\"weight\":2,\"params\":{\"size\":\"xl\",\"rows\":3}}],\"revision\":0}";

    /**
     * Every {@code /v1} operation, one line each: method, path ({@code {id}} becomes a fresh id per try, or a hostile
     * one), the key it needs, and a valid body the attacks start from (null: the operation takes none). In bodies,
     * {@code $ID}, {@code $ID2}, {@code $USER} and {@code $ITEM} become fresh ids, {@code $PATH} the path id and
     * {@code $NOW} the current time. A new endpoint is a new line here.
     */
    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/v1/recommend", Key.CLIENT, "{\"userId\":\"$USER\",\"count\":5,\"scene\":\"home\","
                    + "\"itemId\":\"$ITEM\",\"context\":{\"device\":\"ios\",\"locale\":\"en-US\","
                    + "\"sessionId\":\"s-1\",\"campaign\":\"c-1\",\"timestamp\":\"$NOW\"},\"exclude\":[\"x-1\"],"
                    + "\"explain\":true}"),
            new Endpoint("POST", "/v1/feedback", Key.CLIENT, EVENT),
            new Endpoint("POST", "/v1/feedback", Key.CLIENT, "{\"events\":[" + EVENT + "," + SEARCH + "]}"),
            new Endpoint("PUT", "/v1/items/{id}", Key.ADMIN, ITEM.replace("$ITEM", "$PATH")),
            new Endpoint("GET", "/v1/items/{id}", Key.ADMIN, null),
            new Endpoint("POST", "/v1/items/batch", Key.ADMIN, "{\"items\":[" + ITEM + "]}"),
            new Endpoint("PUT", "/v1/users/{id}", Key.ADMIN, "{\"userId\":\"$PATH\",\"device\":\"ios\","
                    + "\"location\":\"CH\",\"signupAt\":\"2025-05-05T00:00:00Z\"}"),
            new Endpoint("DELETE", "/v1/users/{id}", Key.ADMIN, null),
            new Endpoint("POST", "/v1/ab-assign", Key.CLIENT, "{\"userId\":\"$USER\",\"experiments\":[\"e-1\","
                    + "\"e-2\"]}"),
            new Endpoint("PUT", "/v1/experiments/{id}", Key.ADMIN, EXPERIMENT),
            new Endpoint("GET", "/v1/experiments", Key.ADMIN, null),
            new Endpoint("GET", "/v1/experiments/{id}", Key.ADMIN, null),
            new Endpoint("DELETE", "/v1/experiments/{id}", Key.ADMIN, null),
            new Endpoint("GET", "/v1/experiments/{id}/report", Key.ADMIN, null),
            new Endpoint("GET", "/v1/model", Key.ADMIN, null),
            new Endpoint("POST", "/v1/model/reload", Key.ADMIN, null));

    /** Values every field of every template is replaced with in the sweep. */
    private static final List<J> EXTREMES = List.of(new HostileJson.Str("\uD800"), new HostileJson.Str("a\u0000b"),
            new HostileJson.Str("x".repeat(100_000)), new HostileJson.Str("+1000000000-12-31T23:59:59.999999999Z"),
            new HostileJson.Str("-1000000000-01-01T00:00:00Z"), new HostileJson.Str(""),
            new HostileJson.Num("1e400"), new HostileJson.Num("9".repeat(2000)), new HostileJson.Num("-1"),
            new HostileJson.Num("9223372036854775808"), new HostileJson.Num("0.5"),
            new HostileJson.Arr(List.of()), new HostileJson.Obj(List.of()),
            HostileJson.bigArray(new SplittableRandom(1)), HostileJson.NULL, new HostileJson.Lit("true"),
            HostileJson.nested(new SplittableRandom(2), 40));

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
            "application/json; charset=no-such-charset", "application/json;;", "*/*", "application/problem+json",
            "application/vnd.api+json", ";", "application/json, text/plain", "application/json; charset=\"",
            "\u00e9/\u00e9");

    private static final List<String> PATH_IDS = List.of("%ZZ", "%", "%00", "%2F", "a%2Fb", "%C3%28", "%ED%A0%80",
            "%C0%80", "%F0%9F%98%80", "%7Btag%7D", "..", ".", "%20", "%0D%0AX-Injected:%201", "x".repeat(129),
            "x".repeat(3000), "x".repeat(10_000));

    private static final AtomicLong COUNTER = new AtomicLong();

    @TestHTTPResource("/")
    java.net.URL base;

    enum Key {
        CLIENT(ApiTestSupport.CLIENT_KEY), ADMIN(ApiTestSupport.ADMIN_KEY);

        final String value;

        Key(String value) {
            this.value = value;
        }
    }

    /** One operation under test; see {@link #ENDPOINTS}. */
    record Endpoint(String method, String path, Key key, String body) {
        boolean writes() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path + (body != null && body.startsWith("{\"events\"") ? " (batch)" : "");
        }
    }

    /** One hostile request; {@code document} and {@code rebuild} are set when it can be shrunk. */
    private record Attack(String description, RawHttp.Request request, J document,
            Function<J, RawHttp.Request> rebuild) {
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("ENDPOINTS")
    void neverA5xxAlwaysAProblemAndNothingStoredFromARejectedRequest(Endpoint endpoint) throws IOException {
        long seed = SEED ^ endpoint.toString().hashCode();
        System.out.printf("Hostile input %s: seed %d (-Dhostile.seed=%d reproduces the run)%n", endpoint,
                SEED, SEED);
        SplittableRandom random = new SplittableRandom(seed);
        RawHttp http = new RawHttp(base.getPort());
        Map<String, String> failures = new LinkedHashMap<>();
        List<Attack> attacks = new ArrayList<>(sweep(endpoint, random));
        for (int i = 0; i < TRIES; i++) {
            attacks.add(randomAttack(endpoint, random));
        }
        long started = System.nanoTime();
        for (Attack attack : attacks) {
            if (failures.size() >= MAX_FAILURES) {
                break;
            }
            Optional<String> violation = check(endpoint, http, attack.request());
            if (violation.isEmpty()) {
                continue;
            }
            String signature = violation.get().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>");
            signature = signature.length() > 120 ? signature.substring(0, 120) : signature;
            if (failures.containsKey(signature)) {
                continue;
            }
            String shown = attack.description();
            if (attack.document() != null) {
                J small = HostileJson.shrink(attack.document(),
                        d -> check(endpoint, http, attack.rebuild().apply(d)).isPresent(), 150);
                shown += ", shrunk body " + HostileJson.preview(small);
            }
            failures.put(signature, violation.get() + "\n      request: " + shown);
        }
        System.out.printf("Hostile input %s: %d requests in %d ms%n", endpoint, attacks.size(),
                (System.nanoTime() - started) / 1_000_000);
        assertThat(failures.values())
                .as("%s under hostile input (seed %d): every violation, one line each", endpoint, SEED)
                .isEmpty();
    }

    /** The properties of one answer; empty when they hold. */
    private Optional<String> check(Endpoint endpoint, RawHttp http, RawHttp.Request request) {
        try {
            Stored before = endpoint.writes() ? stored() : null;
            RawHttp.Response response = http.send(request);
            int status = response.status();
            if (status < 0) {
                return Optional.of("no HTTP answer (connection closed): " + abbreviate(response.body()));
            }
            if ((status == 414 || status == 431) && codecLimitExceeded(request)
                    || status == 400 && !validUri(request.target())) {
                // Refused by the HTTP codec or Quarkus' URI check before any application code runs: the one place
                // where an answer cannot be a problem document (see the README, "Hostile input").
                return Optional.empty();
            }
            if (status >= 500) {
                return Optional.of(status + " " + response.contentType() + " " + abbreviate(response.body()));
            }
            if (status >= 400) {
                if (!response.contentType().startsWith(Problem.MEDIA_TYPE)) {
                    return Optional.of(status + " with content type '" + response.contentType() + "': "
                            + abbreviate(response.body()));
                }
                JsonNode problem;
                try {
                    problem = MAPPER.readTree(response.body());
                } catch (IOException e) {
                    return Optional.of(status + " problem that is not JSON: " + abbreviate(response.body()));
                }
                if (problem == null || !problem.path("status").isInt() || problem.path("status").asInt() != status
                        || !problem.path("type").isTextual() || !problem.path("title").isTextual()) {
                    return Optional.of(status + " problem without matching status, type and title: "
                            + abbreviate(response.body()));
                }
                if (before != null) {
                    Stored after = stored();
                    if (after.events() != before.events() || after.keys() > before.keys()) {
                        return Optional.of(status + " but stored something: events " + before.events() + " -> "
                                + after.events() + ", keys " + before.keys() + " -> " + after.keys());
                    }
                }
            } else if (status != 204 && !response.contentType().startsWith("application/json")) {
                return Optional.of(status + " with content type '" + response.contentType() + "'");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("request failed: " + e);
        }
    }

    /** A request line or header beyond the HTTP codec's limits (4 KB line, 20 KB headers: Quarkus defaults). */
    private static boolean codecLimitExceeded(RawHttp.Request request) {
        return request.target().length() > 4000
                || request.headers().values().stream().mapToInt(String::length).sum() > 20_000;
    }

    private static boolean validUri(String target) {
        try {
            new java.net.URI(target);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private record Stored(long events, long keys) {
    }

    private Stored stored() {
        List<Response> replies = redis.batch(List.of(Request.cmd(Command.XLEN).arg(keys.eventLog()),
                Request.cmd(Command.DBSIZE)));
        return new Stored(replies.get(0).toLong(), replies.get(1).toLong());
    }

    // ---------------------------------------------------------------- attacks

    /** The fixed part: every field against every extreme, malformed bodies, content types, paths and headers. */
    private List<Attack> sweep(Endpoint endpoint, SplittableRandom random) {
        List<Attack> out = new ArrayList<>();
        Map<String, String> values = freshValues();
        String path = path(endpoint, values.get("PATH"));
        if (endpoint.body() != null) {
            J template = HostileJson.parse(HostileJson.fill(endpoint.body(), values));
            List<J> variants = new ArrayList<>();
            everyField(template, variants);
            for (J variant : variants) {
                out.add(jsonAttack(endpoint, path, variant, "sweep"));
            }
        }
        byte[] valid = validBody(endpoint, values);
        List<byte[]> rawBodies = new ArrayList<>(List.of(new byte[0], bytes(" "), bytes("null"), bytes("{"),
                bytes("[1,2]"), bytes("\"text\""), bytes("{}"), bytes("{}{}"), bytes("{} x"), bytes("{'a':1}"),
                bytes("{\"a\":NaN}"), bytes("{/*c*/}"), bytes("{\"a\":01}"), bytes("{\"a\":0x10}"),
                bytes("[".repeat(100_000)), bytes("{\"a\":".repeat(5_000)), bytes("9".repeat(5_000))));
        rawBodies.add(concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, valid));
        for (byte[] bad : List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF, (byte) 0xFE},
                new byte[]{(byte) 0xC0, (byte) 0x80}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            rawBodies.add(insertIntoFirstString(valid, bad));
        }
        rawBodies.add(new String(valid, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE));
        for (byte[] body : rawBodies) {
            out.add(new Attack("raw body " + abbreviate(new String(body, StandardCharsets.ISO_8859_1)),
                    request(endpoint, path, "application/json", body, false), null, null));
        }
        out.add(new Attack("no content type", request(endpoint, path, null, valid, false), null, null));
        for (String type : CONTENT_TYPES) {
            out.add(new Attack("content type " + type, request(endpoint, path, type, valid, false), null, null));
        }
        out.add(new Attack("chunked valid body", request(endpoint, path, "application/json", valid, true), null,
                null));
        byte[] tooBig = bytes("[" + "\"x\",".repeat(400_000) + "1]");
        out.add(new Attack("chunked 1.6 MB body", request(endpoint, path, "application/json", tooBig, true), null,
                null));
        out.add(new Attack("1.6 MB body", request(endpoint, path, "application/json", tooBig, false), null, null));
        for (String accept : List.of("application/xml", "text/html", "*/*;q=0", "garbage", "application/json;q=0")) {
            RawHttp.Request r = request(endpoint, path, "application/json", valid, false);
            r.headers().put("Accept", accept);
            out.add(new Attack("Accept " + accept, r, null, null));
        }
        for (String key : List.of("", "wrong", "x".repeat(5_000), "\u00e9\u00e8", " " + endpoint.key().value)) {
            RawHttp.Request r = request(endpoint, path, "application/json", valid, false);
            r.headers().put(ApiKeyFilter.HEADER, key);
            out.add(new Attack("X-Api-Key " + abbreviate(key), r, null, null));
        }
        RawHttp.Request noKey = request(endpoint, path, "application/json", valid, false);
        noKey.headers().remove(ApiKeyFilter.HEADER);
        out.add(new Attack("no X-Api-Key", noKey, null, null));
        if (endpoint.path().contains("{id}")) {
            for (String id : PATH_IDS) {
                Map<String, String> withId = freshValues();
                withId.put("PATH", id);
                out.add(new Attack("path id " + abbreviate(id), request(endpoint, path(endpoint, id),
                        "application/json", validBody(endpoint, withId), false), null, null));
            }
        }
        return out;
    }

    /** Each member and element of the template replaced by each extreme, and each member removed. */
    private static void everyField(J template, List<J> out) {
        out.add(new HostileJson.Arr(List.of(template)));
        visit(template, new ArrayList<>(), template, out);
    }

    private static void visit(J node, List<Integer> path, J root, List<J> out) {
        if (node instanceof HostileJson.Obj obj) {
            for (int i = 0; i < obj.members().size(); i++) {
                List<Map.Entry<String, J>> without = new ArrayList<>(obj.members());
                without.remove(i);
                out.add(replaceAt(root, path, 0, new HostileJson.Obj(without)));
                path.add(i);
                for (J extreme : EXTREMES) {
                    out.add(replaceAt(root, path, 0, extreme));
                }
                visit(obj.members().get(i).getValue(), path, root, out);
                path.remove(path.size() - 1);
            }
        } else if (node instanceof HostileJson.Arr arr) {
            for (int i = 0; i < arr.elements().size(); i++) {
                path.add(i);
                for (J extreme : EXTREMES) {
                    out.add(replaceAt(root, path, 0, extreme));
                }
                visit(arr.elements().get(i), path, root, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static J replaceAt(J node, List<Integer> path, int from, J replacement) {
        if (from == path.size()) {
            return replacement;
        }
        int i = path.get(from);
        if (node instanceof HostileJson.Obj obj) {
            List<Map.Entry<String, J>> members = new ArrayList<>(obj.members());
            members.set(i, Map.entry(members.get(i).getKey(),
                    replaceAt(members.get(i).getValue(), path, from + 1, replacement)));
            return new HostileJson.Obj(members);
        }
        List<J> elements = new ArrayList<>(((HostileJson.Arr) node).elements());
        elements.set(i, replaceAt(elements.get(i), path, from + 1, replacement));
        return new HostileJson.Arr(elements);
    }

    private Attack randomAttack(Endpoint endpoint, SplittableRandom random) {
        Map<String, String> values = freshValues();
        String path = path(endpoint, values.get("PATH"));
        int kind = random.nextInt(20);
        if (endpoint.body() != null && kind < 12) {
            J template = HostileJson.parse(HostileJson.fill(endpoint.body(), values));
            J mutated = template;
            for (int attempt = 0; attempt < 10; attempt++) {
                mutated = HostileJson.mutate(template, random);
                if (HostileJson.size(mutated, 1_400_000) <= 1_400_000) {
                    break;
                }
                mutated = template;
            }
            return jsonAttack(endpoint, path, mutated, "mutated");
        }
        if (kind < 16) {
            J whole = HostileJson.value(random, 3);
            return jsonAttack(endpoint, path, HostileJson.size(whole, 1_400_000) > 1_400_000
                    ? HostileJson.NULL
                    : whole, "hostile body");
        }
        if (kind < 18 && endpoint.path().contains("{id}")) {
            String id = PATH_IDS.get(random.nextInt(PATH_IDS.size()));
            return new Attack("path id " + abbreviate(id), request(endpoint, path(endpoint, id), "application/json",
                    validBody(endpoint, values), false), null, null);
        }
        byte[] valid = validBody(endpoint, values);
        byte[] broken = valid.length == 0 ? bytes("{") : java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
        if (random.nextBoolean() && broken.length > 0) {
            broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
        }
        return new Attack("broken bytes " + abbreviate(new String(broken, StandardCharsets.ISO_8859_1)),
                request(endpoint, path, "application/json", broken, random.nextInt(4) == 0), null, null);
    }

    private Attack jsonAttack(Endpoint endpoint, String path, J document, String description) {
        boolean escape = (COUNTER.get() & 1) == 0;
        Function<J, RawHttp.Request> rebuild = d -> request(endpoint, path, "application/json",
                HostileJson.write(d, escape), false);
        return new Attack(description + " " + endpoint.method() + " " + abbreviate(path), rebuild.apply(document),
                document, rebuild);
    }

    private static RawHttp.Request request(Endpoint endpoint, String path, String contentType, byte[] body,
            boolean chunked) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ApiKeyFilter.HEADER, endpoint.key().value);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new RawHttp.Request(endpoint.method(), path, headers, body, chunked);
    }

    private static byte[] validBody(Endpoint endpoint, Map<String, String> values) {
        return endpoint.body() == null ? new byte[0] : bytes(HostileJson.fill(endpoint.body(), values));
    }

    private static String path(Endpoint endpoint, String id) {
        return endpoint.path().replace("{id}", id);
    }

    /** Fresh ids for one request (unique per run, so retries are not deduplicated away). */
    private static Map<String, String> freshValues() {
        long n = COUNTER.incrementAndGet();
        String run = Long.toHexString(SEED & 0xffffff);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ID2", "h-" + run + "-e2-" + n);
        values.put("ID", "h-" + run + "-e-" + n);
        values.put("USER", "h-" + run + "-u-" + n);
        values.put("ITEM", "h-" + run + "-i-" + n);
        values.put("PATH", "h-" + run + "-p-" + n);
        values.put("NOW", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return values;
    }

    private static byte[] insertIntoFirstString(byte[] json, byte[] inserted) {
        String text = new String(json, StandardCharsets.ISO_8859_1);
        int quote = text.indexOf("\":\"");
        if (quote < 0) {
            return concat(bytes("\""), concat(inserted, bytes("\"")));
        }
        int at = quote + 3;
        return concat(java.util.Arrays.copyOf(json, at),
                concat(inserted, java.util.Arrays.copyOfRange(json, at, json.length)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() > 160 ? flat.substring(0, 160) + "...(" + flat.length() + " chars)" : flat;
    }

    /**
     * What is accepted is stored exactly: an item whose ids and texts come from hostile strings either gets a 400 or
     * reads back with every field equal to what was sent.
     */
    @Test
    void acceptedItemsReadBackExactlyAsSent() throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        RawHttp http = new RawHttp(base.getPort());
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < TRIES && failures.size() < MAX_FAILURES; i++) {
            String id = hostileText(random, 1, 40) + "-" + COUNTER.incrementAndGet();
            String title = hostileText(random, 0, 80);
            String category = hostileText(random, 0, 20);
            String tag = hostileText(random, 1, 20);
            J item = new HostileJson.Obj(List.of(Map.entry("itemId", new HostileJson.Str(id)),
                    Map.entry("title", new HostileJson.Str(title)),
                    Map.entry("category", new HostileJson.Str(category)),
                    Map.entry("createdAt", new HostileJson.Str("2026-01-01T00:00:00Z")),
                    Map.entry("tags", new HostileJson.Arr(List.of(new HostileJson.Str(tag))))));
            J body = new HostileJson.Obj(List.of(Map.entry("items", new HostileJson.Arr(List.of(item)))));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(ApiKeyFilter.HEADER, ApiTestSupport.ADMIN_KEY);
            headers.put("Content-Type", "application/json");
            RawHttp.Response response = http.send(new RawHttp.Request("POST", "/v1/items/batch", headers,
                    HostileJson.write(body, random.nextBoolean()), false));
            if (response.status() == 400) {
                continue;
            }
            Item stored = response.status() == 200 ? catalog.items(List.of(id)).get(id) : null;
            // An empty optional text means absent (documented on ItemInput).
            Item expected = new Item(id, emptyToNull(title), emptyToNull(category), null, null, null, true,
                    Instant.parse("2026-01-01T00:00:00Z"), List.of(tag), false, false);
            if (stored == null || !stored.equals(expected)) {
                failures.put(HostileJson.preview(item), response.status() + ", read back " + stored);
            }
        }
        assertThat(failures).as("accepted items that did not read back as sent (seed %d)", SEED).isEmpty();
    }

    /** Text from the nasty strings and random characters (controls, lone surrogates, supplementary pairs). */
    private static String hostileText(SplittableRandom random, int min, int max) {
        String s = random.nextBoolean()
                ? HostileJson.NASTY_STRINGS.get(random.nextInt(HostileJson.NASTY_STRINGS.size()))
                : HostileJson.randomString(random, min + random.nextInt(max - min + 1));
        return s.length() > max ? s.substring(0, max) : s.length() < min ? s + "x".repeat(min - s.length()) : s;
    }

    @Test
    void theEndpointTableCoversEveryV1Operation() throws IOException {
        JsonNode paths = MAPPER.readTree(new RawHttp(base.getPort())
                .send(new RawHttp.Request("GET", "/q/openapi?format=json", new LinkedHashMap<>(), null, false))
                .body()).path("paths");
        List<String> documented = new ArrayList<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (p.getKey().startsWith("/v1/")) {
                documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey()
                        .replaceAll("\\{[^}]+}",
                                "{id}"));
            }
        }));
        List<String> tested = ENDPOINTS.stream().map(e -> e.method() + " " + e.path()).distinct().toList();
        assertThat(tested).as("every /v1 operation in the OpenAPI document has a row in ENDPOINTS")
                .containsAll(documented);
    }
}
