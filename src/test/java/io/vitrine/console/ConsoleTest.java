package io.vitrine.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vitrine.testing.LogCapture;
import io.vitrine.testing.RedisTestResource;

/**
 * The console over HTTP in the test profile (API keys on): the login and its cookie, CSRF, the pages, and forms that
 * answer with the same field messages as the API. The browser test ({@code ConsoleBrowserIT}) drives the same pages in
 * Chromium against the packaged jar.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ConsoleTest {
    @TestHTTPResource("/")
    URI base;

    private static final String ADMIN_KEY = "test-admin-key";
    private static final String CLIENT_KEY = "test-client-key";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]+)\"");
    private static final Pattern PROBLEM = Pattern.compile(
            "<li data-field=\"([^\"]*)\"><code>[^<]*</code>: <span class=\"message\">([^<]*)</span></li>");

    /** A browser: its cookies and the CSRF token of the last page it loaded. */
    private static final class Browser {
        final Map<String, String> cookies = new LinkedHashMap<>();
        String csrf;

        Response get(String path) {
            Response r = given().cookies(cookies).redirects().follow(false).get(path);
            remember(r);
            return r;
        }

        Response post(String path, Map<String, String> form) {
            Map<String, String> body = new LinkedHashMap<>(form);
            body.putIfAbsent("_csrf", csrf);
            Response r = given().cookies(cookies)
                    .redirects()
                    .follow(false)
                    .contentType(ContentType.URLENC)
                    .formParams(body)
                    .post(path);
            remember(r);
            return r;
        }

        void remember(Response r) {
            r.getDetailedCookies().asList().forEach(c -> {
                if (c.getMaxAge() == 0) {
                    cookies.remove(c.getName());
                } else {
                    cookies.put(c.getName(), c.getValue());
                }
            });
            Matcher m = CSRF.matcher(r.asString());
            if (m.find()) {
                csrf = m.group(1);
            }
        }

        Browser loggedIn() {
            get("/console/login").then().statusCode(200);
            post("/console/login", Map.of("key", ADMIN_KEY)).then().statusCode(303);
            get("/console").then().statusCode(200);
            return this;
        }
    }

    private static List<Map<String, String>> problems(String html) {
        List<Map<String, String>> out = new ArrayList<>();
        Matcher m = PROBLEM.matcher(html);
        while (m.find()) {
            out.add(Map.of("field", unescape(m.group(1)), "message", unescape(m.group(2))));
        }
        return out;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static List<Map<String, String>> apiErrors(Response r) {
        return r.jsonPath().getList("errors");
    }

    @Test
    void pagesNeedALoginWhichSetsAShortLivedSignedStrictCookieWithoutTheKey() {
        Browser browser = new Browser();
        Response first = browser.get("/console/experiments");
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.getHeader("Location")).endsWith("/console/login");

        assertThat(first.getHeader("Set-Cookie")).contains("vitrine_csrf=")
                .contains("HttpOnly")
                .contains("SameSite=Strict")
                .contains("Path=/console");
        Response login = browser.get("/console/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.getHeader("Set-Cookie")).as("the browser has its CSRF cookie").isNull();
        assertThat(login.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(login.getHeader("Cache-Control")).isEqualTo("no-store");

        assertThat(problems(browser.post("/console/login", Map.of("key", "not-a-key"))
                .then()
                .statusCode(401)
                .extract()
                .asString()))
                .isEmpty();
        assertThat(browser.post("/console/login", Map.of("key", "not-a-key")).asString())
                .contains("key: is not a valid API key");
        assertThat(browser.post("/console/login", Map.of("key", CLIENT_KEY))
                .then()
                .statusCode(403)
                .extract()
                .asString()).contains("the console needs an admin key");
        assertThat(browser.cookies).doesNotContainKey("vitrine_console");

        Response ok = browser.post("/console/login", Map.of("key", ADMIN_KEY));
        assertThat(ok.statusCode()).isEqualTo(303);
        String setCookie = ok.getHeaders()
                .getValues("Set-Cookie")
                .stream()
                .filter(c -> c.startsWith("vitrine_console="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/console", "Max-Age=1800")
                .doesNotContain("Secure")
                .doesNotContain(ADMIN_KEY);
        String session = browser.cookies.get("vitrine_console");
        assertThat(session).startsWith("v1.").doesNotContain(ADMIN_KEY);

        browser.get("/console").then().statusCode(200).body(containsString("Served model"));

        // A forged or altered cookie is no session.
        String forged = session.substring(0, session.length() - 2) + (session.endsWith("AA") ? "BB" : "AA");
        given().cookie("vitrine_console", forged).redirects().follow(false).get("/console").then().statusCode(303);

        Response logout = browser.post("/console/logout", Map.of());
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.getHeader("Set-Cookie")).startsWith("vitrine_console=;").contains("Max-Age=0");
        // The old cookie, replayed after logout, is refused.
        given().cookie("vitrine_console", session).redirects().follow(false).get("/console").then().statusCode(303);
    }

    @Test
    void anAdminKeyHeaderOpensThePagesForScriptsAndAClientKeyDoesNot() {
        given().header("X-Api-Key", ADMIN_KEY)
                .get("/console/model")
                .then()
                .statusCode(200)
                .body(containsString("Published versions"));
        given().header("X-Api-Key", CLIENT_KEY)
                .redirects()
                .follow(false)
                .get("/console/model")
                .then()
                .statusCode(303);
        given().header("X-Api-Key", CLIENT_KEY)
                .contentType(ContentType.URLENC)
                .formParam("coverage", "0.5")
                .post("/console/experiments/x/ramp")
                .then()
                .statusCode(401);
    }

    @Test
    void aFormWithoutThisBrowsersCsrfTokenChangesNothing() {
        Browser browser = new Browser().loggedIn();
        String id = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = Map.of("id", id, "layer", "csrf-layer", "status", "running", "coverage", "1",
                "variant0.name", "a", "variant1.name", "b");
        Browser other = new Browser().loggedIn();

        Response withOthersToken = browser.post("/console/experiments", with(form, "_csrf", other.csrf));
        Response withoutToken = given().cookies(browser.cookies)
                .contentType(ContentType.URLENC)
                .formParams(form)
                .redirects()
                .follow(false)
                .post("/console/experiments");

        assertThat(withOthersToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        given().header("X-Api-Key", ADMIN_KEY).get("/v1/experiments/" + id).then().statusCode(404);
    }

    private static Map<String, String> with(Map<String, String> form, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(form);
        out.put(key, value);
        return out;
    }

    @Test
    void theCreateFormAnswersWithTheFieldMessagesOfTheApi() {
        Browser browser = new Browser().loggedIn();
        String id = "form-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> form = Map.of("id", id, "layer", "bad layer!", "status", "running", "coverage", "1.5",
                "offset", "abc", "variant0.name", "control", "variant0.weight", "-1", "variant1.name", "b b",
                "variant1.params", "not json");
        Map<String, Object> json = Map.of("layer", "bad layer!", "status", "running", "coverage", 1.5, "offset",
                "abc", "variants", List.of(Map.of("name", "control", "weight", -1),
                        Map.of("name", "b b", "params", "not json")));

        Response page = browser.post("/console/experiments", form);
        Response api = given().header("X-Api-Key", ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body(json)
                .put("/v1/experiments/" + id);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(apiErrors(api)).hasSizeGreaterThanOrEqualTo(4);
        // The same messages; their order follows the body's field order, which Map.of does not fix.
        assertThat(problems(page.asString())).containsExactlyInAnyOrderElementsOf(apiErrors(api));
        // The form keeps what was typed.
        assertThat(page.asString()).contains("value=\"bad layer!\"").contains("value=\"not json\"");
    }

    @Test
    void anExperimentIsCreatedRampedAndStoppedWithItsReportPlotted() {
        Browser browser = new Browser().loggedIn();
        String id = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String layer = "layer-" + id;
        Response created = browser.post("/console/experiments", Map.of("id", id, "layer", layer, "status", "running",
                "coverage", "0.5", "offset", "0", "variant0.name", "control", "variant0.weight", "1",
                "variant1.name", "green", "variant1.weight", "1", "variant1.params", "{\"color\": \"green\"}"));
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(created.getHeader("Location")).endsWith("/console/experiments/" + id);

        // Users of the layer's other experiments' arms: feedback counts by hash in a non-recommend layer.
        int sent = 0;
        for (int u = 0; u < 400 && sent < 60; u++) {
            String user = "u" + u;
            List<Map<String, Object>> assigned = given().header("X-Api-Key", CLIENT_KEY)
                    .contentType(ContentType.JSON)
                    .body(Map.of("userId", user, "experiments", List.of(id)))
                    .post("/v1/ab-assign")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("assignments");
            if (assigned.isEmpty()) {
                continue;
            }
            sent++;
            List<Map<String, Object>> events = new ArrayList<>();
            events.add(Map.of("eventId", id + "-i-" + u, "userId", user, "type", "impression", "itemId", "p1"));
            if (u % 3 == 0) {
                events.add(Map.of("eventId", id + "-c-" + u, "userId", user, "type", "click", "itemId", "p1"));
            }
            given().header("X-Api-Key", CLIENT_KEY)
                    .contentType(ContentType.JSON)
                    .body(Map.of("events", events))
                    .post("/v1/feedback")
                    .then()
                    .statusCode(202);
        }
        assertThat(sent).isEqualTo(60);

        String report = browser.get("/console/experiments/" + id).then().statusCode(200).extract().asString();
        Map<String, Object> api = given().header("X-Api-Key", ADMIN_KEY)
                .get("/v1/experiments/" + id + "/report")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        assertThat(report).contains("id=\"ctr-chart\"", "id=\"cvr-chart\"", "id=\"ctr-trend\"", "id=\"daily\"");
        List<Map<String, Object>> variants = (List<Map<String, Object>>) api.get("variants");
        Matcher plotted = Pattern.compile("<svg class=\"chart intervals\" id=\"ctr-chart\".*?</svg>",
                Pattern.DOTALL).matcher(report);
        assertThat(plotted.find()).isTrue();
        Matcher estimate = Pattern.compile("data-variant=\"([^\"]+)\" data-value=\"([^\"]+)\""
                + " data-low=\"([^\"]+)\" data-high=\"([^\"]+)\"").matcher(plotted.group());
        Map<String, double[]> shown = new LinkedHashMap<>();
        while (estimate.find()) {
            shown.put(estimate.group(1), new double[]{Double.parseDouble(estimate.group(2)),
                    Double.parseDouble(estimate.group(3)), Double.parseDouble(estimate.group(4))});
        }
        assertThat(shown).containsOnlyKeys("control", "green");
        for (Map<String, Object> v : variants) {
            Map<String, Number> ctr = (Map<String, Number>) v.get("ctr");
            double[] plot = shown.get((String) v.get("name"));
            assertThat(plot[0]).isCloseTo(ctr.get("value").doubleValue(), within(1e-6));
            assertThat(plot[1]).isCloseTo(ctr.get("low").doubleValue(), within(1e-6));
            assertThat(plot[2]).isCloseTo(ctr.get("high").doubleValue(), within(1e-6));
        }
        assertThat(report).doesNotContain("id=\"srm-warning\"");

        Response badRamp = browser.post("/console/experiments/" + id + "/ramp", Map.of("coverage", "2",
                "revision", "1"));
        assertThat(badRamp.statusCode()).isEqualTo(400);
        assertThat(problems(badRamp.asString())).containsExactly(Map.of("field", "coverage", "message",
                "must be between 0 and 1"));
        browser.post("/console/experiments/" + id + "/ramp", Map.of("coverage", "0.8", "revision", "1"))
                .then()
                .statusCode(200)
                .body(containsString("Coverage set to 0.8"));
        Response stale = browser.post("/console/experiments/" + id + "/ramp", Map.of("coverage", "0.9",
                "revision", "1"));
        assertThat(stale.statusCode()).isEqualTo(409);
        browser.post("/console/experiments/" + id + "/status", Map.of("status", "stopped", "revision", "2"))
                .then()
                .statusCode(200);
        given().header("X-Api-Key", ADMIN_KEY)
                .get("/v1/experiments/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("stopped"))
                .body("coverage", equalTo(0.8f));
    }

    @Test
    void thePreviewValidatesAsRecommendDoes() {
        Browser browser = new Browser().loggedIn();

        Response page = browser.get("/console/preview?userId=&count=0&a=");
        Response api = given().header("X-Api-Key", CLIENT_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("count", 0, "explain", true))
                .post("/v1/recommend");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(problems(page.asString())).isNotEmpty().containsExactlyElementsOf(apiErrors(api));

        Response ok = browser.get("/console/preview?userId=nobody-" + UUID.randomUUID() + "&count=5&a=");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.asString()).contains("class=\"card preview\"").contains("rules that moved it");
    }

    @Test
    void theModelAndItemPagesRender() {
        Browser browser = new Browser().loggedIn();

        browser.get("/console/model").then().statusCode(200).body(containsString("Published versions"));
        browser.get("/console/items?itemId=no-such-item")
                .then()
                .statusCode(200)
                .body(containsString("No item no-such-item"));
        given().header("X-Api-Key", ADMIN_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("title", "Console phone", "category", "phone", "brand", "acme", "price", 99))
                .put("/v1/items/console-p1")
                .then()
                .statusCode(200);
        browser.get("/console/items?itemId=console-p1")
                .then()
                .statusCode(200)
                .body(containsString("Console phone"))
                .body(containsString("smoothed CTR"));
    }

    @Test
    void noLogRecordCarriesTheAdminKey() throws Exception {
        // java.net.http, not RestAssured: the test client's own wire log would show the form it sends.
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String text;
        try (LogCapture logs = LogCapture.start()) {
            String page = http.send(HttpRequest.newBuilder(base.resolve("console/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = CSRF.matcher(page);
            assertThat(csrf.find()).isTrue();
            for (String key : List.of(ADMIN_KEY + "-wrong", CLIENT_KEY, ADMIN_KEY)) {
                http.send(HttpRequest.newBuilder(base.resolve("console/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("key=" + key + "&_csrf=" + csrf.group(1)))
                        .build(), HttpResponse.BodyHandlers.ofString());
            }
            String overview = http.send(HttpRequest.newBuilder(base.resolve("console")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher session = CSRF.matcher(overview);
            assertThat(session.find()).as("logged in").isTrue();
            http.send(HttpRequest.newBuilder(base.resolve("console/logout"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + session.group(1)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            text = logs.text();
        }
        assertThat(text).contains("console login: by=sha256:")
                .contains("console logout: by=sha256:")
                .doesNotContain(ADMIN_KEY)
                .doesNotContain(CLIENT_KEY);
    }
}
