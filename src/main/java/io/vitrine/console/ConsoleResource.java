package io.vitrine.console;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.vitrine.abtest.ExperimentService;
import io.vitrine.api.ApiKeyRing;
import io.vitrine.api.ItemResource;
import io.vitrine.api.ProblemMappers;
import io.vitrine.experiment.ExperimentStatus;
import io.vitrine.feature.FeatureSettings;
import io.vitrine.feature.ItemFeatures;
import io.vitrine.model.BundleException;
import io.vitrine.model.BundleManifest;
import io.vitrine.model.BundleReader;
import io.vitrine.model.ModelBundle;
import io.vitrine.model.ModelRegistry;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.recommend.RecommendService;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.ItemInput;

/**
 * The console's login, overview, model and item pages. Every page is rendered on the server (Qute templates checked at
 * build time) and reads without JavaScript; forms post back here with a CSRF token.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {
    private static final Logger AUDIT = Logger.getLogger("io.vitrine.audit");
    private static final int VERSIONS_SHOWN = 20;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(Chrome chrome, LoginPage page);

        static native TemplateInstance overview(Chrome chrome, OverviewPage page);

        static native TemplateInstance model(Chrome chrome, ModelPage page);

        static native TemplateInstance items(Chrome chrome, ItemPage page);

        static native TemplateInstance refused(Chrome chrome, String message);
    }

    private final ConsoleSecurity security;
    private final ConsoleRequest request;
    private final ConsoleMetrics metrics;
    private final ModelRegistry models;
    private final RecommendService recommend;
    private final ExperimentService experiments;
    private final ItemResource items;
    private final FeatureStore features;
    private final FeatureSettings featureSettings;
    private final Clock clock;

    public ConsoleResource(ConsoleSecurity security, ConsoleRequest request, ConsoleMetrics metrics,
            ModelRegistry models, RecommendService recommend, ExperimentService experiments, ItemResource items,
            FeatureStore features, FeatureSettings featureSettings, Clock clock) {
        this.security = security;
        this.request = request;
        this.metrics = metrics;
        this.models = models;
        this.recommend = recommend;
        this.experiments = experiments;
        this.items = items;
        this.features = features;
        this.featureSettings = featureSettings;
        this.clock = clock;
    }

    private Chrome chrome(String title, String section) {
        return Chrome.of(title, section, request, security);
    }

    /** A 303 to a console page (after a form, so a reload does not post again). */
    static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** The page for a form whose CSRF token is missing or not this browser's. */
    static Response refused(Chrome chrome) {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(Templates.refused(chrome, "The form is no longer valid (it expired, or came from another"
                        + " page). Reload the page and send it again."))
                .build();
    }

    @GET
    @Path("/login")
    public Response loginPage() {
        if (request.authenticated()) {
            return seeOther("/console");
        }
        return Response.ok(Templates.login(chrome("Log in", ""), new LoginPage(null, null))).build();
    }

    /** Exchanges an admin key (in the form body, never the URL) for a session cookie. */
    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@RestForm("key") String key, @RestForm(ConsoleSessions.CSRF_FIELD) String csrf) {
        if (!security.csrfValid(request, csrf)) {
            return refused(chrome("Log in", ""));
        }
        if (!security.required()) {
            return seeOther("/console");
        }
        Optional<ApiKeyRing.Match> match = security.match(key == null ? null : key.strip());
        if (match.isEmpty()) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Templates.login(chrome("Log in", ""), new LoginPage("key", key == null || key.isBlank()
                            ? "must not be blank"
                            : "is not a valid API key")))
                    .build();
        }
        if (match.get().role() != ApiKeyRing.Role.ADMIN) {
            return Response.status(Response.Status.FORBIDDEN)
                    .entity(Templates.login(chrome("Log in", ""), new LoginPage("key",
                            "is a client key; the console needs an admin key")))
                    .build();
        }
        String cookie = security.sessions().issue(match.get().fingerprint());
        AUDIT.infof("console login: by=%s at=%s", match.get().fingerprint(), clock.instant());
        return Response.seeOther(URI.create("/console"))
                .header(HttpHeaders.SET_COOKIE, security.sessionCookie(cookie, request.secure()))
                .build();
    }

    @POST
    @Path("/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@RestForm(ConsoleSessions.CSRF_FIELD) String csrf) {
        if (!security.csrfValid(request, csrf)) {
            return refused(chrome("Log out", ""));
        }
        if (request.session() != null) {
            security.sessions().revoke(request.session());
            AUDIT.infof("console logout: by=%s at=%s", request.fingerprint(), clock.instant());
        }
        return Response.seeOther(URI.create("/console/login"))
                .header(HttpHeaders.SET_COOKIE, security.clearedSessionCookie(request.secure()))
                .build();
    }

    @GET
    public TemplateInstance overview() {
        ModelRegistry.Status status = models.status();
        Optional<ModelBundle> bundle = models.current();
        List<Metric> modelMetrics = bundle.map(b -> metrics(b.manifest().metrics())).orElse(List.of());
        long running = -1;
        String experimentsError = null;
        try {
            running = experiments.list().stream().filter(e -> e.status() == ExperimentStatus.RUNNING).count();
        } catch (StoreUnavailableException e) {
            experimentsError = "Redis unavailable: " + e.getMessage();
        }
        return Templates.overview(chrome("Overview", "overview"), new OverviewPage(
                new ModelSummary(status.version(), bundle.map(b -> b.manifest().createdAt()).orElse(null),
                        text(status.loadedAt()), text(status.lastCheckAt()), status.latestVersion(),
                        status.lastError(), modelMetrics),
                metrics.stages(), metrics.rates(), recommend.fallbackSize(), running, experimentsError));
    }

    @GET
    @Path("/model")
    public TemplateInstance model(@RestQuery("version") String version) {
        return Templates.model(chrome("Model", "model"), modelPage(version, null));
    }

    /** Checks {@code LATEST} now, as {@code POST /v1/model/reload} does. */
    @POST
    @Path("/model/reload")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reload(@RestForm(ConsoleSessions.CSRF_FIELD) String csrf) {
        if (!security.csrfValid(request, csrf)) {
            return refused(chrome("Model", "model"));
        }
        ModelRegistry.Status status = models.reload();
        String message = status.lastError() == null
                ? "Checked LATEST: serving " + (status.version() == null ? "no model" : status.version())
                : "Checked LATEST: " + status.lastError();
        return Response.ok(Templates.model(chrome("Model", "model"), modelPage(null, message))).build();
    }

    private ModelPage modelPage(String requested, String message) {
        ModelRegistry.Status status = models.status();
        List<VersionRow> rows = new ArrayList<>();
        String versionsError = null;
        try {
            for (BundleReader.Inspection i : models.published(VERSIONS_SHOWN)) {
                rows.add(versionRow(i, status));
            }
        } catch (StoreUnavailableException e) {
            versionsError = "The model store cannot be listed: " + e.getMessage();
        }
        String shown = requested != null && rows.stream().anyMatch(r -> r.version().equals(requested))
                ? requested
                : status.version() != null ? status.version() : rows.isEmpty() ? null : rows.get(0).version();
        Charts.BarChart importance = null;
        String importanceError = null;
        if (shown != null) {
            try {
                List<Charts.Bar> bars = new ArrayList<>();
                Map<String, Integer> splits = models.featureImportance(shown);
                double total = splits.values().stream().mapToInt(Integer::intValue).sum();
                splits.forEach((name, count) -> bars.add(new Charts.Bar(name, count, count + " splits ("
                        + (total > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * count / total) : "0%") + ")")));
                importance = Charts.bars("importance", "Feature importance of " + shown, bars, 25);
            } catch (BundleException | StoreUnavailableException e) {
                importanceError = e.getMessage();
            }
        }
        return new ModelPage(new ModelSummary(status.version(),
                models.current().map(b -> b.manifest().createdAt()).orElse(null), text(status.loadedAt()),
                text(status.lastCheckAt()), status.latestVersion(), status.lastError(),
                models.current().map(b -> metrics(b.manifest().metrics())).orElse(List.of())),
                status.refusedVersion(), rows, versionsError, shown, importance, importanceError, message);
    }

    private static VersionRow versionRow(BundleReader.Inspection i, ModelRegistry.Status status) {
        BundleManifest m = i.manifest();
        Map<String, Double> metrics = m == null || m.metrics() == null ? Map.of() : m.metrics();
        String state;
        String reason = i.problem();
        if (i.version().equals(status.version())) {
            state = "served";
        } else if (i.version().equals(status.refusedVersion())) {
            state = "refused";
            reason = status.lastError();
        } else if (reason != null) {
            state = "would be refused";
        } else if (i.version().equals(status.latestVersion())) {
            state = "LATEST";
        } else {
            state = "published";
        }
        return new VersionRow(i.version(), m == null ? "" : m.createdAt(), number(metrics.get("auc")),
                number(metrics.get("ndcg@10")), number(metrics.get("mostPop.ndcg@10")),
                m == null || m.data() == null ? "" : Long.toString(m.data().events()), state,
                reason == null ? "" : reason);
    }

    @GET
    @Path("/items")
    public TemplateInstance items(@RestQuery("itemId") String itemId) {
        Chrome chrome = chrome("Items", "items");
        if (itemId == null) {
            return Templates.items(chrome, new ItemPage("", List.of(), null, null, List.of(), null));
        }
        ItemInput item;
        try {
            item = items.get(itemId);
        } catch (ConstraintViolationException e) {
            return Templates.items(chrome, new ItemPage(itemId, ProblemMappers.violations(e), null, null, List.of(),
                    null));
        } catch (NotFoundException e) {
            return Templates.items(chrome, new ItemPage(itemId, List.of(), null, e.getMessage(), List.of(), null));
        }
        Instant now = clock.instant();
        ItemFeatures f = ItemFeatures.of(features.read(null, List.of(item.itemId())).items().get(item.itemId()), now,
                featureSettings);
        List<Metric> stats = new ArrayList<>();
        f.counts().forEach((type, n) -> stats.add(new Metric(type.wireName() + " events", Long.toString(n))));
        f.popularity()
                .forEach((type, v) -> stats.add(new Metric(type.wireName() + " popularity (decayed)",
                        String.format(Locale.ROOT, "%.2f", v))));
        return Templates.items(chrome, new ItemPage(itemId, List.of(), item, null, stats,
                String.format(Locale.ROOT, "%.4f", f.smoothedCtr())));
    }

    private static List<Metric> metrics(Map<String, Double> values) {
        List<Metric> out = new ArrayList<>();
        if (values != null) {
            values.forEach((name, value) -> out.add(new Metric(name, number(value))));
        }
        return out;
    }

    static String number(Double value) {
        if (value == null) {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString(value.longValue())
                : String.format(Locale.ROOT, "%.4f", value);
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /**
     * The login form's state.
     *
     * @param field the field in error ({@code key}), or null
     * @param message what is wrong with it
     */
    @TemplateData
    public record LoginPage(String field, String message) {
    }

    /** A named number. */
    @TemplateData
    public record Metric(String name, String value) {
    }

    /** What the registry serves, as {@code GET /v1/model} reports it. */
    @TemplateData
    public record ModelSummary(String version, String createdAt, String loadedAt, String lastCheckAt,
            String latestVersion, String lastError, List<Metric> metrics) {
    }

    /**
     * The overview.
     *
     * @param fallbackSize items of the fallback list served while Redis is down
     * @param runningExperiments -1 when unknown
     */
    @TemplateData
    public record OverviewPage(ModelSummary model, List<ConsoleMetrics.StageRow> stages, ConsoleMetrics.Rates rates,
            int fallbackSize, long runningExperiments, String experimentsError) {
    }

    /** One published version. */
    @TemplateData
    public record VersionRow(String version, String createdAt, String auc, String ndcg, String popularNdcg,
            String events, String state, String reason) {
    }

    /** The model page. */
    @TemplateData
    public record ModelPage(ModelSummary model, String refusedVersion, List<VersionRow> versions,
            String versionsError, String importanceVersion, Charts.BarChart importance, String importanceError,
            String message) {
    }

    /** The item lookup page. */
    @TemplateData
    public record ItemPage(String query, List<FieldViolation> errors, ItemInput item, String notFound,
            List<Metric> stats, String smoothedCtr) {
    }
}
