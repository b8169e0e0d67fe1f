package io.vitrine.abtest;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.vitrine.event.Arm;
import io.vitrine.event.Event;
import io.vitrine.event.EventAttribution;
import io.vitrine.experiment.Assigner;
import io.vitrine.experiment.Assignment;
import io.vitrine.experiment.Experiment;
import io.vitrine.experiment.ExperimentConflictException;
import io.vitrine.experiment.ExperimentReport;
import io.vitrine.experiment.ExperimentStatus;
import io.vitrine.experiment.ReportCalculator;
import io.vitrine.experiment.RequestIds;
import io.vitrine.experiment.Treatment;
import io.vitrine.pipeline.PipelineParameters;
import io.vitrine.port.EventLog;
import io.vitrine.port.ExperimentStore;
import io.vitrine.port.StoreUnavailableException;
import io.vitrine.validation.FieldViolation;
import io.vitrine.validation.ValidationException;
import io.vitrine.wire.ExperimentInput;
import io.vitrine.wire.ExperimentValidator;

/**
 * Experiments end to end: admin changes under the rules that keep assignments stable, assignment for {@code ab-assign},
 * the treatment of a {@code recommend} call, the attribution of feedback events, and reports.
 *
 * <p>
 * Attribution: an event counts in the arms its signed {@code requestId} carries (the {@code recommend} experiments that
 * shaped that response), and in the user's variant of every running experiment of the other layers (the app's own
 * experiments, assigned by hash with no lookup). {@code recommend} experiments are judged only by events that name the
 * response they followed, so send the request id with impressions, clicks, carts and purchases that follow one.
 */
public final class ExperimentService implements EventAttribution {
    private static final System.Logger LOG = System.getLogger(ExperimentService.class.getName());

    private final ExperimentStore store;
    private final ExperimentRegistry registry;
    private final RequestIds requestIds;
    private final EventLog log;
    private final Predicate<String> modelAvailable;
    private final Clock clock;
    private final double srmThreshold;

    /**
     * @param modelAvailable whether a bundle version can be served (loads it if needed)
     * @param srmThreshold p-value below which a report flags a sample ratio mismatch
     */
    public ExperimentService(ExperimentStore store, ExperimentRegistry registry, RequestIds requestIds, EventLog log,
            Predicate<String> modelAvailable, Clock clock, double srmThreshold) {
        this.store = store;
        this.registry = registry;
        this.requestIds = requestIds;
        this.log = log;
        this.modelAvailable = modelAvailable;
        this.clock = clock;
        this.srmThreshold = srmThreshold;
    }

    /**
     * Creates or replaces an experiment.
     *
     * @throws ValidationException when the definition is invalid
     * @throws ExperimentConflictException when the change would move assigned users, overlap another running experiment
     *             of the layer, or was based on a stale revision
     */
    public Experiment put(String id, ExperimentInput input, List<FieldViolation> parseViolations) {
        Optional<Experiment> existing = ExperimentValidator.validId(id) ? store.get(id) : Optional.empty();
        long storedRevision = existing.map(Experiment::revision).orElse(0L);
        Experiment next = ExperimentValidator.validate(id, input, parseViolations, storedRevision + 1,
                clock.instant());
        if (input.revision() != null && input.revision() != storedRevision) {
            throw new ExperimentConflictException("Experiment " + id + " is at revision " + storedRevision
                    + ", not " + input.revision() + "; read it again and reapply the change");
        }
        existing.ifPresent(before -> checkChange(before, next));
        if (next.status() == ExperimentStatus.RUNNING) {
            for (Experiment other : store.all()) {
                if (!other.id().equals(id) && other.status() == ExperimentStatus.RUNNING
                        && other.layer().equals(next.layer()) && other.overlaps(next)) {
                    throw new ExperimentConflictException("Experiment " + other.id() + " already runs in layer "
                            + next.layer() + " on buckets " + other.offset() + " to "
                            + (other.offset() + other.bucketCount() - 1)
                            + "; experiments of one layer need disjoint offset and coverage");
                }
            }
            checkModelVersions(next);
        }
        if (!store.put(next, storedRevision)) {
            throw new ExperimentConflictException("Experiment " + id + " changed concurrently; read it again");
        }
        registry.refresh();
        return next;
    }

    /** What a change to a stored experiment may not do. */
    private static void checkChange(Experiment before, Experiment after) {
        if (!before.status().canBecome(after.status())) {
            throw new ExperimentConflictException("Experiment " + before.id() + " is " + before.status().wireName()
                    + " and cannot become " + after.status().wireName()
                    + (before.status() == ExperimentStatus.STOPPED ? "; create a new experiment instead" : ""));
        }
        if (before.status() == ExperimentStatus.STOPPED && !sameDefinition(before, after)) {
            throw new ExperimentConflictException("Experiment " + before.id() + " is stopped and cannot change");
        }
        if (before.status() == ExperimentStatus.RUNNING && (!before.layer().equals(after.layer())
                || !before.salt().equals(after.salt()) || before.offset() != after.offset()
                || !before.variants().equals(after.variants()))) {
            throw new ExperimentConflictException("Experiment " + before.id() + " is running: its layer, salt,"
                    + " offset and variants (names, weights, parameters) are fixed so that no assigned user moves;"
                    + " only coverage and status may change. Stop it and start a new experiment instead");
        }
    }

    private static boolean sameDefinition(Experiment a, Experiment b) {
        return a.layer().equals(b.layer()) && a.salt().equals(b.salt()) && a.coverage() == b.coverage()
                && a.offset() == b.offset() && a.variants().equals(b.variants());
    }

    private void checkModelVersions(Experiment experiment) {
        List<FieldViolation> out = new ArrayList<>();
        for (int i = 0; i < experiment.variants().size(); i++) {
            Optional<String> version = PipelineParameters.modelVersion(experiment.variants().get(i).params());
            if (version.isPresent() && !modelAvailable.test(version.get())) {
                out.add(new FieldViolation("variants[" + i + "].params." + PipelineParameters.MODEL_VERSION,
                        "no servable bundle " + version.get() + " under the model URI"));
            }
        }
        if (!out.isEmpty()) {
            throw new ValidationException("A variant names a model version that cannot be served", out);
        }
    }

    /** Every experiment, as stored now. */
    public List<Experiment> list() {
        return store.all().stream().sorted(java.util.Comparator.comparing(Experiment::id)).toList();
    }

    /** One experiment, as stored now. */
    public Optional<Experiment> get(String id) {
        return ExperimentValidator.validId(id) ? store.get(id) : Optional.empty();
    }

    /**
     * Deletes an experiment that is not running, with its report.
     *
     * @return false when there is no such experiment
     * @throws ExperimentConflictException when it is running
     */
    public boolean delete(String id) {
        Optional<Experiment> existing = get(id);
        if (existing.isEmpty()) {
            return false;
        }
        Experiment e = existing.get();
        if (e.status() == ExperimentStatus.RUNNING) {
            throw new ExperimentConflictException("Experiment " + id + " is running; stop it before deleting it");
        }
        if (!store.delete(id, e.revision())) {
            throw new ExperimentConflictException("Experiment " + id + " changed concurrently; read it again");
        }
        log.clearTotals(e.variants().stream().map(v -> new Arm(id, v.name())).toList());
        registry.refresh();
        return true;
    }

    /** The report of an experiment; empty when there is no such experiment. */
    public Optional<ExperimentReport> report(String id) {
        return get(id).map(e -> {
            List<Arm> arms = e.variants().stream().map(v -> new Arm(id, v.name())).toList();
            return ReportCalculator.report(e, log.totals(arms), log.daily(arms), srmThreshold);
        });
    }

    /**
     * A user's variants for {@code ab-assign}.
     *
     * @param ids the experiments asked about; empty for every running experiment
     */
    public Assignments assign(String userId, List<String> ids) {
        List<Experiment> known = registry.all();
        Set<String> unknown = new LinkedHashSet<>();
        List<Experiment> asked = new ArrayList<>();
        if (ids.isEmpty()) {
            asked.addAll(known);
        } else {
            for (String id : new LinkedHashSet<>(ids)) {
                known.stream()
                        .filter(e -> e.id().equals(id))
                        .findFirst()
                        .ifPresentOrElse(asked::add,
                                () -> unknown.add(id));
            }
        }
        return new Assignments(Assigner.assignAll(asked, userId), List.copyOf(unknown));
    }

    /**
     * What experiments change about a {@code recommend} call: the parameters of the user's variants in the
     * {@value Experiment#RECOMMEND_LAYER} layer, and a request id that carries them. A variant whose model version
     * cannot be served is left out (the user gets the control's pipeline and the event counts nowhere) rather than
     * served with the wrong model.
     */
    public Treatment treatment(String userId) {
        List<Assignment> applied = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        for (Experiment e : registry.all()) {
            if (!e.layer().equals(Experiment.RECOMMEND_LAYER)) {
                continue;
            }
            Assigner.assign(e, userId).ifPresent(a -> {
                Optional<String> version = PipelineParameters.modelVersion(a.params());
                if (version.isEmpty() || modelAvailable.test(version.get())) {
                    applied.add(a);
                    params.putAll(a.params());
                } else {
                    LOG.log(Level.WARNING, "Experiment {0} variant {1}: model {2} cannot be served; serving the"
                            + " default pipeline unattributed", e.id(), a.variant(), version.get());
                }
            });
        }
        if (applied.isEmpty()) {
            return Treatment.none(requestIds.issue(List.of()));
        }
        try {
            List<Arm> arms = applied.stream().map(Assignment::arm).toList();
            return new Treatment(requestIds.issue(arms), params, arms);
        } catch (StoreUnavailableException e) {
            // No signing key without the store: serve the configured pipeline, which the store outage degrades anyway.
            return Treatment.none(UUID.randomUUID().toString());
        }
    }

    @Override
    public List<Arm> arms(Event event) {
        List<Experiment> experiments = registry.all();
        List<Arm> out = new ArrayList<>();
        for (Arm arm : requestIds.arms(event.requestId())) {
            boolean known = experiments.stream()
                    .anyMatch(e -> e.id().equals(arm.experimentId()) && e.variant(arm.variant()).isPresent());
            if (known && !out.contains(arm)) {
                out.add(arm);
            }
        }
        for (Experiment e : experiments) {
            if (!e.layer().equals(Experiment.RECOMMEND_LAYER)) {
                Assigner.assign(e, event.userId()).map(Assignment::arm).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The answer to {@code ab-assign}.
     *
     * @param assignments the user's variants
     * @param unknownExperiments requested ids that name no experiment
     */
    public record Assignments(List<Assignment> assignments, List<String> unknownExperiments) {
    }
}
