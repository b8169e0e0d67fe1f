package io.vitrine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.Dependent;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vitrine.demo.DemoMarketplace;
import io.vitrine.demo.DemoSettings;
import io.vitrine.files.EventCsvWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo-data}: writes a synthetic marketplace as items.csv, users.csv and events.csv. */
@Dependent
@Unremovable
@IfBuildProperty(name = JobCommand.BUILD_PROPERTY, stringValue = "true", enableIfMissing = true)
@Command(name = "demo-data", mixinStandardHelpOptions = true, description = {
        "Write a synthetic phone-and-accessories marketplace (items.csv, users.csv, events.csv in time"
                + " order) that import and train read. Deterministic for the same seed and end date."})
public class DemoDataCommand implements JobCommand {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--users", defaultValue = "2000", description = "Users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--items", defaultValue = "500", description = "Items (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--days", defaultValue = "30", description = "Days of history (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--end", paramLabel = "YYYY-MM-DD",
            description = "Last day of history, exclusive (default: today, UTC).")
    LocalDate end;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (users < 1 || items < 8 || days < 1) {
            spec.commandLine().getErr().println("--users must be at least 1, --items at least 8, --days at least 1");
            return 2;
        }
        Instant endInstant = (end == null ? LocalDate.now(ZoneOffset.UTC) : end).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        DemoMarketplace market = new DemoMarketplace(new DemoSettings(users, items, days, seed, endInstant));
        Files.createDirectories(out);
        EventCsvWriter.writeItems(out.resolve("items.csv"), market.items());
        EventCsvWriter.writeUsers(out.resolve("users.csv"), market.users());
        long events;
        try (EventCsvWriter writer = new EventCsvWriter(out.resolve("events.csv"))) {
            market.events(writer::write);
            events = writer.written();
        }
        stdout.printf("wrote %d items, %d users and %d events (%d days to %s, seed %d) to %s%n", items, users, events,
                days, endInstant, seed, out.toAbsolutePath());
        return 0;
    }
}
