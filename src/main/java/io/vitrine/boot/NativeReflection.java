package io.vitrine.boot;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vitrine.api.AbAssignResource;
import io.vitrine.api.ExperimentResource;
import io.vitrine.api.FeedbackResource;
import io.vitrine.api.ItemResource;
import io.vitrine.api.ModelResource;
import io.vitrine.api.Problem;
import io.vitrine.cli.ServeCommand;
import io.vitrine.cli.VersionProvider;
import io.vitrine.cli.VitrineCommand;
import io.vitrine.experiment.ExperimentReport;
import io.vitrine.validation.FieldViolation;
import io.vitrine.wire.EventInput;
import io.vitrine.wire.ExperimentInput;
import io.vitrine.wire.ItemInput;
import io.vitrine.wire.RecommendInput;
import io.vitrine.wire.RecommendResponse;
import io.vitrine.wire.UserProfileInput;

/**
 * Classes that native images must keep reflective access to: records bound by Jackson outside resource signatures
 * ({@code treeToValue}, file readers, the event codec) and picocli's annotated commands of the serving image. The job
 * commands ({@link io.vitrine.cli.JobCommand}) are not listed: they are not part of the native image, which serves
 * only; registering them would pull the trainer into it.
 */
@RegisterForReflection(targets = {EventInput.class, EventInput.ContextInput.class, ItemInput.class,
        UserProfileInput.class, FieldViolation.class, Problem.class, RecommendInput.class,
        RecommendInput.ContextInput.class,
        RecommendResponse.class, RecommendResponse.ModelRef.class, RecommendResponse.RecommendedItem.class,
        RecommendResponse.Explanation.class, RecommendResponse.ExperimentRef.class,
        FeedbackResource.FeedbackBatch.class,
        FeedbackResource.FeedbackResponse.class, ItemResource.ItemBatch.class, ItemResource.UpsertResponse.class,
        ModelResource.ModelStatus.class, ExperimentInput.class, ExperimentInput.VariantInput.class,
        ExperimentResource.ExperimentView.class, ExperimentResource.VariantView.class, ExperimentReport.class,
        ExperimentReport.VariantReport.class, ExperimentReport.Estimate.class, ExperimentReport.Comparison.class,
        ExperimentReport.SampleRatio.class, ExperimentReport.DayReport.class, AbAssignResource.AssignInput.class,
        AbAssignResource.AssignResponse.class,
        AbAssignResource.AssignmentView.class,
        VitrineCommand.class, ServeCommand.class, VersionProvider.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
