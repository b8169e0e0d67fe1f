package io.vitrine.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.vitrine.api.ExperimentResource;
import io.vitrine.api.ProblemMappers;
import io.vitrine.experiment.ExperimentConflictException;
import io.vitrine.experiment.ExperimentReport;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;

/**
 * The experiments pages: the list with a form to create one, and per experiment its report (CTR and CVR per variant
 * with their intervals, the sample-ratio check, the daily trend) with forms to ramp, start and stop it. Every change
 * goes through the admin API's own resource method with the JSON body the form stands for, so a form is validated
 * exactly as {@code PUT /v1/experiments/{id}} validates that body, with the same field-level messages.
 */
@Path("/console/experiments")
@Produces(MediaType.TEXT_HTML)
public class ConsoleExperiments {
    /** Variant rows the create form offers. */
    static final int VARIANT_ROWS = 4;
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance experiments(Chrome chrome, ListPage page);

        static native TemplateInstance experiment(Chrome chrome, DetailPage page);
    }

    private final ConsoleSecurity security;
    private final ConsoleRequest request;
    private final ExperimentResource api;
    private final ObjectMapper mapper;

    public ConsoleExperiments(ConsoleSecurity security, ConsoleRequest request, ExperimentResource api,
            ObjectMapper mapper) {
        this.security = security;
        this.request = request;
        this.api = api;
        this.mapper = mapper;
    }

    private Chrome chrome(String title) {
        return Chrome.of(title, "experiments", request, security);
    }

    @GET
    public TemplateInstance list() {
        return Templates.experiments(chrome("Experiments"), listPage(ExperimentForm.empty(), List.of(), null));
    }

    private ListPage listPage(ExperimentForm form, List<FieldViolation> errors, String conflict) {
        return new ListPage(api.list().stream().map(ExperimentRow::of).toList(), form, errors, conflict);
    }

    /** Creates (or replaces) an experiment from the form, as {@code PUT /v1/experiments/{id}} with its JSON body. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        if (!security.csrfValid(request, form.getFirst(ConsoleSessions.CSRF_FIELD))) {
            return ConsoleResource.refused(chrome("Experiments"));
        }
        ExperimentForm submitted = ExperimentForm.of(form);
        try {
            ExperimentResource.ExperimentView stored = api.put(submitted.id(), submitted.toJson(mapper));
            return ConsoleResource.seeOther("/console/experiments/" + stored.id());
        } catch (ValidationException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.experiments(chrome("Experiments"), listPage(submitted, e.violations(), null)))
                    .build();
        } catch (ConstraintViolationException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.experiments(chrome("Experiments"),
                            listPage(submitted, ProblemMappers.violations(e), null)))
                    .build();
        } catch (ExperimentConflictException e) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(Templates.experiments(chrome("Experiments"), listPage(submitted, List.of(),
                            e.getMessage())))
                    .build();
        }
    }

    @GET
    @Path("/{id}")
    public Response detail(@PathParam("id") String id) {
        return page(id, Response.Status.OK, List.of(), null, null);
    }

    /** Changes a running experiment's coverage (a ramp keeps every assigned user in their variant). */
    @POST
    @Path("/{id}/ramp")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ramp(@PathParam("id") String id, @RestForm("coverage") String coverage,
            @RestForm("revision") String revision, @RestForm(ConsoleSessions.CSRF_FIELD) String csrf) {
        return change(id, csrf, revision, body -> body.set("coverage", value(coverage)),
                "Coverage set to " + coverage);
    }

    /** Starts a draft or stops a running experiment. */
    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response status(@PathParam("id") String id, @RestForm("status") String status,
            @RestForm("revision") String revision, @RestForm(ConsoleSessions.CSRF_FIELD) String csrf) {
        return change(id, csrf, revision, body -> body.set("status", value(status)), "Status set to " + status);
    }

    private Response change(String id, String csrf, String revision, java.util.function.Consumer<ObjectNode> edit,
            String done) {
        if (!security.csrfValid(request, csrf)) {
            return ConsoleResource.refused(chrome("Experiment " + id));
        }
        ExperimentResource.ExperimentView current;
        try {
            current = api.get(id);
        } catch (NotFoundException | ConstraintViolationException e) {
            return page(id, Response.Status.NOT_FOUND, List.of(), null, null);
        }
        ObjectNode body = mapper.valueToTree(current);
        body.remove("id");
        body.remove("updatedAt");
        // The revision the page was rendered with: a change made meanwhile by someone else is refused (409).
        body.set("revision", revision == null || revision.isBlank()
                ? value(Long.toString(current.revision()))
                : value(revision));
        edit.accept(body);
        try {
            api.put(id, body);
            return page(id, Response.Status.OK, List.of(), null, done);
        } catch (ValidationException e) {
            return page(id, Response.Status.BAD_REQUEST, e.violations(), null, null);
        } catch (ExperimentConflictException e) {
            return page(id, Response.Status.CONFLICT, List.of(), e.getMessage(), null);
        }
    }

    private Response page(String id, Response.Status status, List<FieldViolation> errors, String conflict,
            String message) {
        ExperimentResource.ExperimentView experiment;
        ExperimentReport report;
        try {
            experiment = api.get(id);
            report = api.report(id);
        } catch (NotFoundException | ConstraintViolationException e) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(Templates.experiment(chrome("Experiment " + id), DetailPage.missing(id)))
                    .build();
        }
        return Response.status(status)
                .entity(Templates.experiment(chrome("Experiment " + id),
                        DetailPage.of(experiment, report, errors, conflict, message, mapper)))
                .build();
    }

    /** What a form field stands for in JSON: a number when it reads as one, else the text (which the API refuses). */
    static JsonNode value(String text) {
        ObjectMapper plain = new ObjectMapper();
        if (text == null) {
            return plain.nullNode();
        }
        String t = text.strip();
        if (NUMBER.matcher(t).matches()) {
            try {
                return plain.readTree(t);
            } catch (JsonProcessingException e) {
                return plain.getNodeFactory().textNode(text);
            }
        }
        return plain.getNodeFactory().textNode(text);
    }

    /** One experiment in the list. */
    @TemplateData
    public record ExperimentRow(String id, String layer, String status, String coverage, String variants,
            long revision, String updatedAt) {

        static ExperimentRow of(ExperimentResource.ExperimentView e) {
            return new ExperimentRow(e.id(), e.layer(), e.status(), Charts.percent(e.coverage()),
                    String.join(", ", e.variants().stream().map(ExperimentResource.VariantView::name).toList()),
                    e.revision(), e.updatedAt().toString());
        }
    }

    /**
     * The create form as submitted (or empty), rows compacted so that {@code variants[i]} in a message is row i.
     */
    @TemplateData
    public record ExperimentForm(String id, String layer, String salt, String status, String coverage, String offset,
            List<VariantRow> variants) {

        static ExperimentForm empty() {
            List<VariantRow> rows = new ArrayList<>();
            rows.add(new VariantRow("control", "1", ""));
            rows.add(new VariantRow("treatment", "1", ""));
            while (rows.size() < VARIANT_ROWS) {
                rows.add(new VariantRow("", "", ""));
            }
            return new ExperimentForm("", "", "", "running", "1", "0", rows);
        }

        static ExperimentForm of(MultivaluedMap<String, String> form) {
            List<VariantRow> rows = new ArrayList<>();
            for (int i = 0; i < VARIANT_ROWS; i++) {
                VariantRow row = new VariantRow(text(form, "variant" + i + ".name"),
                        text(form, "variant" + i + ".weight"), text(form, "variant" + i + ".params"));
                if (!row.blank()) {
                    rows.add(row);
                }
            }
            List<VariantRow> shown = new ArrayList<>(rows);
            while (shown.size() < VARIANT_ROWS) {
                shown.add(new VariantRow("", "", ""));
            }
            return new ExperimentForm(text(form, "id"), text(form, "layer"), text(form, "salt"),
                    text(form, "status"), text(form, "coverage"), text(form, "offset"), shown);
        }

        private static String text(MultivaluedMap<String, String> form, String name) {
            String v = form.getFirst(name);
            return v == null ? "" : v;
        }

        /** The body of {@code PUT /v1/experiments/{id}} this form stands for: blank fields are left out. */
        ObjectNode toJson(ObjectMapper mapper) {
            ObjectNode body = mapper.createObjectNode();
            put(body, "layer", layer, false);
            put(body, "salt", salt, false);
            put(body, "status", status, false);
            put(body, "coverage", coverage, true);
            put(body, "offset", offset, true);
            ArrayNode array = body.putArray("variants");
            for (VariantRow row : variants) {
                if (row.blank()) {
                    continue;
                }
                ObjectNode v = array.addObject();
                put(v, "name", row.name(), false);
                put(v, "weight", row.weight(), true);
                if (!row.params().isBlank()) {
                    JsonNode params;
                    try {
                        params = mapper.readTree(row.params());
                    } catch (JsonProcessingException e) {
                        params = null;
                    }
                    // Text that is not a JSON object goes as a string, which the API refuses as "must be an object".
                    v.set("params", params != null && params.isObject()
                            ? params
                            : mapper.getNodeFactory().textNode(row.params()));
                }
            }
            return body;
        }

        private static void put(ObjectNode body, String field, String text, boolean numeric) {
            if (text == null || text.isBlank()) {
                return;
            }
            body.set(field, numeric ? value(text) : body.textNode(text));
        }
    }

    /** A variant row of the create form. */
    @TemplateData
    public record VariantRow(String name, String weight, String params) {
        boolean blank() {
            return name.isBlank() && weight.isBlank() && params.isBlank();
        }
    }

    /** The list page. */
    @TemplateData
    public record ListPage(List<ExperimentRow> experiments, ExperimentForm form, List<FieldViolation> errors,
            String conflict) {
    }

    /** One variant's row of the report table. */
    @TemplateData
    public record VariantLine(String name, String share, long users, long impressions, long clicks, long addToCarts,
            long purchases, long buyers, String revenue, String ctr, String cvr, String revenuePerUser,
            String ctrPValue, String cvrPValue, String revenuePValue, String color) {
    }

    /** One day of the daily table: per variant, in the variants' order. */
    @TemplateData
    public record DayLine(String day, List<DayCell> cells) {
    }

    /** One variant on one day. */
    @TemplateData
    public record DayCell(long impressions, long clicks, long purchases, String ctr, String cumulativeCvr) {
    }

    /** The detail page of one experiment. */
    @TemplateData
    public record DetailPage(String id, boolean found, ExperimentRow experiment, String salt, String offset,
            String coverageValue, long revision, boolean running, boolean draft, List<VariantLine> variants,
            boolean srmMismatch, String srmText, Charts.IntervalChart ctrChart, Charts.IntervalChart cvrChart,
            Charts.LineChart ctrTrend, Charts.LineChart cvrTrend, List<String> variantNames, List<DayLine> days,
            String trendJson, List<FieldViolation> errors, String conflict, String message) {

        static DetailPage missing(String id) {
            return new DetailPage(id, false, null, "", "", "", 0, false, false, List.of(), false, "", null, null,
                    null, null, List.of(), List.of(), "{}", List.of(), null, null);
        }

        static DetailPage of(ExperimentResource.ExperimentView e, ExperimentReport r, List<FieldViolation> errors,
                String conflict, String message, ObjectMapper mapper) {
            List<VariantLine> lines = new ArrayList<>();
            List<Charts.Estimate> ctr = new ArrayList<>();
            List<Charts.Estimate> cvr = new ArrayList<>();
            TreeSet<String> allDays = new TreeSet<>();
            for (int i = 0; i < r.variants().size(); i++) {
                ExperimentReport.VariantReport v = r.variants().get(i);
                ExperimentReport.Comparison c = v.versusControl();
                lines.add(new VariantLine(v.name(), Charts.percent(v.expectedShare()), v.users(), v.impressions(),
                        v.clicks(), v.addToCarts(), v.purchases(), v.buyers(),
                        String.format(Locale.ROOT, "%.2f", v.revenue()), interval(v.ctr(), true),
                        interval(v.cvr(), true), interval(v.revenuePerUser(), false),
                        c == null ? "control" : pValue(c.ctrPValue()), c == null ? "control" : pValue(c.cvrPValue()),
                        c == null ? "control" : pValue(c.revenuePerUserPValue()), Charts.color(i)));
                ctr.add(new Charts.Estimate(v.name(), v.ctr().value(), v.ctr().low(), v.ctr().high()));
                cvr.add(new Charts.Estimate(v.name(), v.cvr().value(), v.cvr().low(), v.cvr().high()));
                v.days().forEach(d -> allDays.add(d.day()));
            }
            List<String> days = List.copyOf(allDays);
            List<Charts.Series> ctrSeries = new ArrayList<>();
            List<Charts.Series> cvrSeries = new ArrayList<>();
            List<DayLine> dayLines = new ArrayList<>();
            ObjectNode trend = mapper.createObjectNode();
            ArrayNode trendDays = trend.putArray("days");
            days.forEach(trendDays::add);
            ArrayNode trendSeries = trend.putArray("series");
            for (int i = 0; i < r.variants().size(); i++) {
                ExperimentReport.VariantReport v = r.variants().get(i);
                Map<String, ExperimentReport.DayReport> byDay = new java.util.HashMap<>();
                v.days().forEach(d -> byDay.put(d.day(), d));
                List<Double> ctrValues = new ArrayList<>();
                List<Double> ctrLows = new ArrayList<>();
                List<Double> ctrHighs = new ArrayList<>();
                List<Double> cvrValues = new ArrayList<>();
                List<Double> cvrLows = new ArrayList<>();
                List<Double> cvrHighs = new ArrayList<>();
                ObjectNode json = trendSeries.addObject().put("name", v.name()).put("color", Charts.color(i));
                ArrayNode jsonCtr = json.putArray("ctr");
                ArrayNode jsonCvr = json.putArray("cumulativeCvr");
                ExperimentReport.Estimate lastCvr = null;
                for (String day : days) {
                    ExperimentReport.DayReport d = byDay.get(day);
                    ExperimentReport.Estimate dayCtr = d == null ? null : d.ctr();
                    if (d != null) {
                        lastCvr = d.cumulativeCvr();
                    }
                    ctrValues.add(dayCtr == null ? null : dayCtr.value());
                    ctrLows.add(dayCtr == null ? null : dayCtr.low());
                    ctrHighs.add(dayCtr == null ? null : dayCtr.high());
                    cvrValues.add(lastCvr == null ? null : lastCvr.value());
                    cvrLows.add(lastCvr == null ? null : lastCvr.low());
                    cvrHighs.add(lastCvr == null ? null : lastCvr.high());
                    jsonCtr.add(ctrValues.get(ctrValues.size() - 1));
                    jsonCvr.add(cvrValues.get(cvrValues.size() - 1));
                }
                ctrSeries.add(new Charts.Series(v.name(), ctrValues, ctrLows, ctrHighs));
                cvrSeries.add(new Charts.Series(v.name(), cvrValues, cvrLows, cvrHighs));
            }
            for (String day : days) {
                List<DayCell> cells = new ArrayList<>();
                for (ExperimentReport.VariantReport v : r.variants()) {
                    ExperimentReport.DayReport d = v.days()
                            .stream()
                            .filter(x -> x.day().equals(day))
                            .findFirst()
                            .orElse(null);
                    cells.add(d == null
                            ? new DayCell(0, 0, 0, "\u2014", "\u2014")
                            : new DayCell(d.impressions(), d.clicks(), d.purchases(), Charts.percent(d.ctr().value()),
                                    Charts.percent(d.cumulativeCvr().value())));
                }
                dayLines.add(new DayLine(day, cells));
            }
            ExperimentReport.SampleRatio srm = r.sampleRatio();
            String srmText = srm.pValue() == null
                    ? "No users yet"
                    : String.format(Locale.ROOT, "chi-square %.2f, p = %.3g (flagged below %s)", srm.chiSquare(),
                            srm.pValue(), ConsoleResource.number(srm.threshold()));
            String trendJson;
            try {
                trendJson = mapper.writeValueAsString(trend);
            } catch (JsonProcessingException ex) {
                trendJson = "{}";
            }
            return new DetailPage(e.id(), true, ExperimentRow.of(e), e.salt(), Integer.toString(e.offset()),
                    ConsoleResource.number(e.coverage()), e.revision(), e.status().equals("running"),
                    e.status().equals("draft"), lines, srm.mismatch(), srmText,
                    Charts.intervals("ctr-chart", "CTR per variant with 95% intervals", ctr, Charts::percent),
                    Charts.intervals("cvr-chart", "CVR per variant with 95% intervals", cvr, Charts::percent),
                    Charts.lines("ctr-trend", "CTR per day", days, ctrSeries, Charts::percent),
                    Charts.lines("cvr-trend", "CVR up to each day", days, cvrSeries, Charts::percent),
                    r.variants().stream().map(ExperimentReport.VariantReport::name).toList(), dayLines, trendJson,
                    errors, conflict, message);
        }

        private static String interval(ExperimentReport.Estimate e, boolean rate) {
            if (e.value() == null) {
                return "\u2014";
            }
            java.util.function.Function<Double, String> f = rate
                    ? Charts::percent
                    : x -> String.format(Locale.ROOT, "%.2f", x);
            return e.low() == null
                    ? f.apply(e.value())
                    : f.apply(e.value()) + " [" + f.apply(e.low()) + ", " + f.apply(e.high()) + "]";
        }

        private static String pValue(Double p) {
            return p == null ? "\u2014" : String.format(Locale.ROOT, "%.3g", p);
        }
    }
}
