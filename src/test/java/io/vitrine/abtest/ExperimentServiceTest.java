package io.vitrine.abtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vitrine.event.Arm;
import io.vitrine.event.Event;
import io.vitrine.event.EventContext;
import io.vitrine.event.EventType;
import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.ExperimentConflictException;
import io.vitrine.experiment.RequestIds;
import io.vitrine.experiment.Treatment;
import io.vitrine.memory.InMemoryEventLog;
import io.vitrine.memory.InMemoryExperimentStore;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;
import io.vitrine.wire.ExperimentInput;

/** Admin rules, treatment and attribution, on in-memory stores. */
class ExperimentServiceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private static final Set<String> PUBLISHED = Set.of("20261120T100000000Z");

    private final InMemoryExperimentStore store = new InMemoryExperimentStore();
    private final InMemoryEventLog log = new InMemoryEventLog();
    private final ExperimentService service = service();

    private ExperimentService service() {
        return new ExperimentService(store, new ExperimentRegistry(store, Duration.ofSeconds(10), CLOCK),
                new RequestIds(store::signingKey), log, PUBLISHED::contains, CLOCK, 0.001);
    }

    private static ExperimentInput input(String layer, String status, double coverage, int offset,
            ExperimentInput.VariantInput... variants) {
        return new ExperimentInput(layer, null, status, coverage, offset, List.of(variants), null);
    }

    private static ExperimentInput.VariantInput variant(String name, double weight, Map<String, Object> params) {
        return new ExperimentInput.VariantInput(name, weight, params);
    }

    private static ExperimentInput ranking(String status, double coverage) {
        return input("recommend", status, coverage, 0, variant("control", 1, Map.of()),
                variant("treatment", 1, Map.of("model.version", "20261120T100000000Z",
                        "rerank.diversity.max-per-category", 1, "recall.trending.quota", 0)));
    }

    private static List<String> fields(ValidationException e) {
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void invalidDefinitionsNameEachField() {
        ExperimentInput bad = new ExperimentInput("recommend", "has:colon", "paused", 1.5, -1,
                List.of(variant("control", 0, Map.of("recall.item_cf.quota", 5000)),
                        variant("control", 1, Map.of("recall.itemcf.quota", 10))),
                null);

        assertThatThrownBy(() -> service.put("bad id!", bad, List.of())).isInstanceOfSatisfying(
                ValidationException.class,
                e -> assertThat(fields(e)).containsExactlyInAnyOrder("id", "salt", "status", "coverage", "offset",
                        "variants[0].weight", "variants[0].params.recall.item_cf.quota", "variants[1].name",
                        "variants[1].params.recall.itemcf.quota"));
        assertThat(store.all()).isEmpty();
    }

    @Test
    void variantsWithoutParametersAreValidAndNullParametersAreNamed() {
        java.util.HashMap<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("size", null);

        Experiment stored = service.put("plain", input("ui.home", "draft", 1, 0,
                new ExperimentInput.VariantInput("control", null, null), variant("b", 1, Map.of())), List.of());
        assertThat(stored.control().params()).isEmpty();
        assertThat(stored.control().weight()).isEqualTo(1.0);
        assertThatThrownBy(() -> service.put("nulls", input("ui.home", "draft", 1, 0, variant("a", 1, Map.of()),
                variant("b", 1, withNull)), List.of())).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(fields(e)).containsExactly("variants[1].params"));
    }

    @Test
    void appLayersTakeScalarParametersOnly() {
        ExperimentInput nested = input("ui.home", "running", 1, 0, variant("control", 1, Map.of()),
                variant("big", 1, Map.of("size", Map.of("w", 3), "rows", 3)));

        assertThatThrownBy(() -> service.put("banner", nested, List.of())).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(fields(e)).containsExactly("variants[1].params.size"));
    }

    @Test
    void aRunningExperimentsVariantsCannotBeReshuffledButItsCoverageCanGrow() {
        service.put("ranker", ranking("running", 0.1), List.of());
        ExperimentInput reweighted = input("recommend", "running", 0.1, 0, variant("control", 1, Map.of()),
                variant("treatment", 3, Map.of("model.version", "20261120T100000000Z",
                        "rerank.diversity.max-per-category", 1, "recall.trending.quota", 0)));

        assertThatThrownBy(() -> service.put("ranker", reweighted, List.of()))
                .isInstanceOf(ExperimentConflictException.class)
                .hasMessageContaining("running");
        Experiment ramped = service.put("ranker", ranking("running", 0.5), List.of());
        assertThat(ramped.coverage()).isEqualTo(0.5);
        assertThat(ramped.revision()).isEqualTo(2);
        service.put("ranker", ranking("stopped", 0.5), List.of());
        assertThatThrownBy(() -> service.put("ranker", ranking("running", 0.5), List.of()))
                .isInstanceOf(ExperimentConflictException.class)
                .hasMessageContaining("new experiment");
    }

    @Test
    void runningExperimentsOfALayerMustNotOverlap() {
        service.put("first", input("recommend", "running", 0.5, 0, variant("a", 1, Map.of()),
                variant("b", 1, Map.of())), List.of());

        assertThatThrownBy(() -> service.put("second", input("recommend", "running", 0.5, 4000,
                variant("a", 1, Map.of()), variant("b", 1, Map.of())), List.of()))
                .isInstanceOf(ExperimentConflictException.class)
                .hasMessageContaining("first");
        service.put("second", input("recommend", "running", 0.5, 5000, variant("a", 1, Map.of()),
                variant("b", 1, Map.of())), List.of());
        service.put("elsewhere", input("ui.home", "running", 1, 0, variant("a", 1, Map.of()),
                variant("b", 1, Map.of())), List.of());
        assertThat(service.list()).hasSize(3);
    }

    @Test
    void aChangeBasedOnAStaleRevisionIsRefused() {
        service.put("ranker", ranking("draft", 0.1), List.of());
        service.put("ranker", ranking("draft", 0.2), List.of());
        ExperimentInput stale = new ExperimentInput("recommend", null, "draft", 0.3, 0, ranking("draft", 0.3)
                .variants(), 1L);

        assertThatThrownBy(() -> service.put("ranker", stale, List.of()))
                .isInstanceOf(ExperimentConflictException.class)
                .hasMessageContaining("revision 2");
    }

    @Test
    void aVariantMustNameAServableModelToRun() {
        ExperimentInput unknownModel = input("recommend", "running", 1, 0, variant("control", 1, Map.of()),
                variant("treatment", 1, Map.of("model.version", "20990101T000000000Z")));

        assertThatThrownBy(() -> service.put("ranker", unknownModel, List.of())).isInstanceOfSatisfying(
                ValidationException.class,
                e -> assertThat(fields(e)).containsExactly("variants[1].params.model.version"));
        service.put("ranker", new ExperimentInput("recommend", null, "draft", 1.0, 0, unknownModel.variants(),
                null), List.of());
    }

    @Test
    void theTreatmentCarriesTheVariantsParametersAndItsRequestIdAttributesFeedback() {
        service.put("ranker", ranking("running", 1.0), List.of());
        service.put("banner", input("ui.home", "running", 1, 0, variant("control", 1, Map.of()),
                variant("big", 1, Map.of("size", "xl"))), List.of());
        int treated = 0;
        for (int i = 0; i < 200; i++) {
            String user = "user-" + i;
            Treatment t = service.treatment(user);
            String variant = t.experiments().get(0).variant();
            assertThat(t.experiments()).as("only recommend-layer experiments shape recommend").hasSize(1);
            if (variant.equals("treatment")) {
                treated++;
                assertThat(t.params()).containsEntry("model.version", "20261120T100000000Z")
                        .containsEntry("recall.trending.quota", 0);
            } else {
                assertThat(t.params()).isEmpty();
            }
            String banner = service.assign(user, List.of("banner")).assignments().get(0).variant();
            List<Arm> arms = service.arms(click(user, t.requestId()));
            assertThat(arms).containsExactly(new Arm("ranker", variant), new Arm("banner", banner));
            String forged = t.requestId()
                    .replace("ranker=" + variant,
                            "ranker=" + (variant.equals("control") ? "treatment" : "control"));
            assertThat(service.arms(click(user, forged))).containsExactly(new Arm("banner", banner));
        }
        assertThat(treated).isBetween(70, 130);
    }

    @Test
    void aVariantWhoseModelCannotBeServedIsLeftOutOfTheTreatment() {
        List<Object> versions = new ArrayList<>(List.of("20261120T100000000Z"));
        ExperimentService flaky = new ExperimentService(store, new ExperimentRegistry(store, Duration.ZERO, CLOCK),
                new RequestIds(store::signingKey), log, versions::contains, CLOCK, 0.001);
        flaky.put("ranker", ranking("running", 1.0), List.of());
        versions.clear();

        for (int i = 0; i < 50; i++) {
            Treatment t = flaky.treatment("user-" + i);
            assertThat(t.experiments()).allSatisfy(ref -> assertThat(ref.variant()).isEqualTo("control"));
            assertThat(t.params()).doesNotContainKey("model.version");
        }
    }

    @Test
    void assignmentIsTheSameAfterARestartAndUnknownIdsAreReported() {
        service.put("ranker", ranking("running", 0.5), List.of());
        List<ExperimentService.Assignments> before = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            before.add(service.assign("user-" + i, List.of("ranker", "nope")));
        }

        ExperimentService restarted = service();
        for (int i = 0; i < 100; i++) {
            ExperimentService.Assignments after = restarted.assign("user-" + i, List.of("ranker", "nope"));
            assertThat(after).isEqualTo(before.get(i));
            assertThat(after.unknownExperiments()).containsExactly("nope");
        }
        assertThat(before.stream().filter(a -> !a.assignments().isEmpty()).count()).isBetween(35L, 65L);
    }

    @Test
    void onlyAStoppedOrDraftExperimentIsDeletedWithItsReport() {
        service.put("ranker", ranking("running", 1.0), List.of());
        Treatment t = service.treatment("user-1");
        log.append(List.of(click("user-1", t.requestId())), service);
        assertThat(service.report("ranker").orElseThrow().variants().stream().mapToLong(v -> v.clicks()).sum())
                .isEqualTo(1);

        assertThatThrownBy(() -> service.delete("ranker")).isInstanceOf(ExperimentConflictException.class);
        service.put("ranker", ranking("stopped", 1.0), List.of());
        assertThat(service.delete("ranker")).isTrue();
        assertThat(service.delete("ranker")).isFalse();
        assertThat(service.report("ranker")).isEmpty();
        service.put("ranker", ranking("draft", 1.0), List.of());
        assertThat(service.report("ranker").orElseThrow().variants()).allSatisfy(v -> assertThat(v.clicks())
                .isZero());
    }

    private static Event click(String user, String requestId) {
        return new Event("e-" + user + "-" + requestId.hashCode(), user, EventType.CLICK, "p1", CLOCK.instant(),
                requestId, null, null, null, EventContext.EMPTY);
    }
}
