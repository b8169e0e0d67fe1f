package io.vitrine.cli;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * A job command ({@code import}, {@code demo-data}, {@code train}, {@code evaluate}): a CDI bean only in builds that
 * carry the jobs, the JVM artifact. Each is annotated with
 * {@code @IfBuildProperty(name = JobCommand.BUILD_PROPERTY, stringValue = "true", enableIfMissing = true)}; the native
 * build sets {@value #BUILD_PROPERTY}{@code =false} (the {@code native} Maven profile), so the native function is
 * serve-only and Tribuo's trainer, XGBoost and the terminal progress bar are not part of it.
 */
public interface JobCommand extends Callable<Integer> {

    /**
     * The build-time property that keeps the jobs, and with them Tribuo, XGBoost and the {@code tribuo} evaluator
     * (default {@code true}).
     */
    String BUILD_PROPERTY = "vitrine.build.jobs";

    /** The job commands in the order of the usage text. */
    List<String> ORDER = List.of("import", "demo-data", "train", "evaluate", "export");
}
