package io.vitrine.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code import}: loads a catalog, user profiles and historical events into Redis. */
@Dependent
@Unremovable
@IfBuildProperty(name = JobCommand.BUILD_PROPERTY, stringValue = "true", enableIfMissing = true)
@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Load items, user profiles and historical events (CSV with a header row, or JSON Lines) into"
                + " Redis.",
        "Each file is validated whole first: if any record is invalid, nothing of that file is loaded and the"
                + " invalid records are listed. Events go through the same path as POST /v1/feedback"
                + " (deduplicated by eventId, online features updated), without the age limit."})
public class ImportCommand implements JobCommand {

    @Option(names = "--items", paramLabel = "FILE", description = "Items file (.csv or .jsonl).")
    Path items;

    @Option(names = "--users", paramLabel = "FILE", description = "User profiles file (.csv or .jsonl).")
    Path users;

    @Option(names = "--events", paramLabel = "FILE", description = "Events file (.csv or .jsonl).")
    Path events;

    @Option(names = "--batch-size", defaultValue = "500", description = "Records per Redis round trip (default 500).")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Inject
    ImportJob job;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (items == null && users == null && events == null) {
            err.println("Nothing to import: give --items, --users and/or --events.");
            return 2;
        }
        for (Path p : new Path[]{items, users, events}) {
            if (p != null && !Files.isReadable(p)) {
                err.println("Cannot read " + p);
                return 2;
            }
        }
        if (batchSize < 1 || batchSize > 500) {
            err.println("--batch-size must be between 1 and 500");
            return 2;
        }
        ImportJob.Report report = new ImportJob.Report(out, err);
        boolean ok = true;
        // Items first: event feature updates read the items' category, brand and price.
        if (items != null) {
            ok &= job.importItems(items, batchSize, report);
        }
        if (users != null) {
            ok &= job.importUsers(users, batchSize, report);
        }
        if (events != null && ok) {
            ok &= job.importEvents(events, batchSize, report);
        }
        return ok ? 0 : 1;
    }
}
