package io.vitrine.cli;

import java.io.PrintWriter;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vitrine.files.EventLogExport;
import io.vitrine.port.EventLog;
import io.vitrine.port.ObjectStore;
import io.vitrine.storage.ObjectStoreFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export}: copies the Redis event log to JSON Lines files in object storage, incrementally. */
@Dependent
@Unremovable
@IfBuildProperty(name = JobCommand.BUILD_PROPERTY, stringValue = "true", enableIfMissing = true)
@Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Export the event log (the Redis stream that feedback appends to) as JSON Lines files to file:DIR or"
                + " s3://bucket/prefix, for train --events DIR... or the Spark trainer.",
        "Incremental: _checkpoint under the prefix holds the stream position of the last exported event; each run"
                + " exports what was appended after it, in files named by their first position. Run it more often"
                + " than the capped stream turns over."})
public class ExportCommand implements JobCommand {

    @Option(names = "--to", required = true, paramLabel = "URI",
            description = "Where to write: file:DIR or s3://bucket/prefix (the S3 settings of vitrine.storage.*).")
    String to;

    @Option(names = "--events-per-file", defaultValue = "1000000",
            description = "Events per file, at most (default ${DEFAULT-VALUE}).")
    int eventsPerFile;

    @Option(names = "--batch-size", defaultValue = "1000",
            description = "Events per read from Redis (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Spec
    CommandSpec spec;

    @Inject
    EventLog log;

    @Inject
    ObjectStoreFactory stores;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (eventsPerFile < 1 || batchSize < 1 || batchSize > 10_000) {
            spec.commandLine().getErr().println("--events-per-file must be at least 1, --batch-size 1 to 10000");
            return 2;
        }
        try (ObjectStore store = stores.open(to)) {
            EventLogExport.Result r = new EventLogExport(log, store, batchSize, eventsPerFile).run();
            out.printf("exported %d events in %d files to %s (after %s, checkpoint now %s)%n", r.events(),
                    r.files().size(), store.location(), r.after() == null ? "the start of the log" : r.after(),
                    r.last() == null ? "none" : r.last());
        }
        return 0;
    }
}
