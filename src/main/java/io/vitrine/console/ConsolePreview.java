package io.vitrine.console;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.vitrine.abtest.ExperimentService;
import io.vitrine.api.JsonInputs;
import io.vitrine.catalog.Item;
import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.ExperimentStatus;
import io.vitrine.experiment.Treatment;
import io.vitrine.experiment.Variant;
import io.vitrine.feature.RecentItem;
import io.vitrine.pipeline.RecommendRequest;
import io.vitrine.port.CatalogStore;
import io.vitrine.port.FeatureStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.recommend.RecommendService;
import io.vitrine.recommend.Recommendation;
import io.vitrine.rerank.RankedItem;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;
import io.vitrine.wire.RecommendInput;

/**
 * A recommendation as a user would get it, under the configured pipeline or a variant of a {@code recommend}
 * experiment, two side by side: each item with its sources, its score and the rules that moved it. The request is
 * validated as {@code POST /v1/recommend} validates its body, and runs the same service; a preview is never attributed
 * to an experiment (its request id carries no variant) and stores nothing.
 */
@Path("/console/preview")
@Produces(MediaType.TEXT_HTML)
public class ConsolePreview {
    /** The option value of the configured pipeline. */
    static final String CONFIGURED = "";

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance preview(Chrome chrome, PreviewPage page);
    }

    private final ConsoleSecurity security;
    private final ConsoleRequest request;
    private final RecommendService recommend;
    private final ExperimentService experiments;
    private final CatalogStore catalog;
    private final FeatureStore features;
    private final ObjectMapper mapper;

    public ConsolePreview(ConsoleSecurity security, ConsoleRequest request, RecommendService recommend,
            ExperimentService experiments, CatalogStore catalog, FeatureStore features, ObjectMapper mapper) {
        this.security = security;
        this.request = request;
        this.recommend = recommend;
        this.experiments = experiments;
        this.catalog = catalog;
        this.features = features;
        this.mapper = mapper;
    }

    @GET
    public Response preview(@RestQuery("userId") String userId, @RestQuery("itemId") String itemId,
            @RestQuery("count") String count, @RestQuery("a") String a, @RestQuery("b") String b) {
        Chrome chrome = Chrome.of("Recommendation preview", "preview", request, security);
        List<Option> options = new ArrayList<>();
        options.add(new Option(CONFIGURED, "configured pipeline (no experiment)"));
        List<Experiment> recommendExperiments = List.of();
        try {
            recommendExperiments = experiments.list()
                    .stream()
                    .filter(e -> e.layer().equals(Experiment.RECOMMEND_LAYER)
                            && e.status() != ExperimentStatus.STOPPED)
                    .toList();
        } catch (StoreUnavailableException e) {
            // The configured pipeline can still be previewed (degraded, as recommend would answer).
        }
        for (Experiment e : recommendExperiments) {
            for (Variant v : e.variants()) {
                options.add(new Option(e.id() + ":" + v.name(), e.id() + " / " + v.name() + " ("
                        + e.status().wireName() + ")" + (v.params().isEmpty() ? "" : " " + v.params())));
            }
        }
        String first = a == null ? CONFIGURED : a;
        String second = b == null ? "" : b;
        PreviewForm form = new PreviewForm(userId == null ? "" : userId, itemId == null ? "" : itemId,
                count == null ? "10" : count, first, second);
        if (userId == null && itemId == null && count == null && a == null && b == null) {
            return Response.ok(Templates.preview(chrome, new PreviewPage(form, options, List.of(), List.of(),
                    List.of()))).build();
        }
        ObjectNode body = mapper.createObjectNode();
        if (userId != null && !userId.isEmpty()) {
            body.put("userId", userId);
        }
        if (itemId != null && !itemId.isEmpty()) {
            body.put("itemId", itemId);
        }
        if (count != null && !count.isBlank()) {
            body.set("count", ConsoleExperiments.value(count));
        }
        body.put("explain", true);
        List<FieldViolation> typeErrors = new ArrayList<>();
        RecommendRequest parsed;
        List<Column> columns = new ArrayList<>();
        try {
            parsed = RecommendInput.validate(JsonInputs.read(mapper, body, RecommendInput.class, "", typeErrors),
                    typeErrors);
            for (String choice : new LinkedHashSet<>(second.isEmpty() ? List.of(first) : List.of(first, second))) {
                Optional<Treatment> treatment = treatment(choice, recommendExperiments);
                if (treatment.isEmpty()) {
                    throw new ValidationException("Invalid preview",
                            List.of(new FieldViolation(choice.equals(first) ? "a" : "b",
                                    "must be a variant of a recommend experiment that is not stopped")));
                }
                String label = options.stream()
                        .filter(o -> o.value().equals(choice))
                        .map(Option::label)
                        .findFirst()
                        .orElse(choice);
                columns.add(column(label, recommend.recommend(parsed, treatment.get())));
            }
        } catch (ValidationException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.preview(chrome, new PreviewPage(form, options, e.violations(), List.of(),
                            List.of())))
                    .build();
        }
        return Response.ok(Templates.preview(chrome, new PreviewPage(form, options, List.of(), columns,
                history(parsed.userId())))).build();
    }

    /** The parameters of the chosen variant, under a request id that carries no experiment (nothing is attributed). */
    private static Optional<Treatment> treatment(String choice, List<Experiment> experiments) {
        String requestId = UUID.randomUUID().toString();
        if (choice.equals(CONFIGURED)) {
            return Optional.of(Treatment.none(requestId));
        }
        int colon = choice.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String id = choice.substring(0, colon);
        String variant = choice.substring(colon + 1);
        return experiments.stream()
                .filter(e -> e.id().equals(id))
                .flatMap(e -> e.variant(variant).stream())
                .findFirst()
                .map(v -> new Treatment(requestId, v.params(), List.of()));
    }

    private Column column(String label, Recommendation r) {
        Map<String, Item> known;
        try {
            known = catalog.items(r.items().stream().map(RankedItem::itemId).toList());
        } catch (StoreUnavailableException e) {
            known = Map.of();
        }
        List<Row> rows = new ArrayList<>();
        int rank = 1;
        for (RankedItem item : r.items()) {
            Item i = known.get(item.itemId());
            rows.add(new Row(rank++, item.itemId(), i == null || i.title() == null ? "" : i.title(),
                    i == null || i.category() == null ? "" : i.category(),
                    i == null || i.brand() == null ? "" : i.brand(),
                    i == null || i.price() == null ? "" : String.format(Locale.ROOT, "%.2f", i.price()),
                    String.format(Locale.ROOT, "%.4f", item.score()), String.join(", ", item.sources()),
                    item.rules().isEmpty() ? "" : String.join(", ", item.rules())));
        }
        return new Column(label, r.requestId(), r.modelVersion()
                .map(v -> "vitrine-ranker " + v)
                .orElse("recall-score (no model)"), r.degraded(), rows);
    }

    /** What the user did lately (their recent items), so a list can be judged against it. */
    private List<HistoryItem> history(String userId) {
        try {
            List<RecentItem> recent = features.read(userId, List.of()).user().interacted();
            List<RecentItem> shown = recent.subList(0, Math.min(10, recent.size()));
            Map<String, Item> known = catalog.items(shown.stream().map(RecentItem::itemId).toList());
            List<HistoryItem> out = new ArrayList<>();
            for (RecentItem r : shown) {
                Item i = known.get(r.itemId());
                out.add(new HistoryItem(r.itemId(), i == null || i.title() == null ? "" : i.title(),
                        i == null || i.category() == null ? "" : i.category(),
                        i == null || i.brand() == null ? "" : i.brand()));
            }
            return out;
        } catch (StoreUnavailableException e) {
            return List.of();
        }
    }

    /** A choice of pipeline: the configured one, or {@code experiment:variant}. */
    @TemplateData
    public record Option(String value, String label) {
    }

    /** The preview form as submitted. */
    @TemplateData
    public record PreviewForm(String userId, String itemId, String count, String a, String b) {
    }

    /** One item of a previewed list. */
    @TemplateData
    public record Row(int rank, String itemId, String title, String category, String brand, String price,
            String score, String sources, String rules) {
    }

    /** One previewed list. */
    @TemplateData
    public record Column(String label, String requestId, String model, boolean degraded, List<Row> rows) {
    }

    /** One of the user's recent items. */
    @TemplateData
    public record HistoryItem(String itemId, String title, String category, String brand) {
    }

    /** The preview page. */
    @TemplateData
    public record PreviewPage(PreviewForm form, List<Option> options, List<FieldViolation> errors,
            List<Column> columns, List<HistoryItem> history) {
    }
}
