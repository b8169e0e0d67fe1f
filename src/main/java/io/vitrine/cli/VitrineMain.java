package io.vitrine.cli;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: decides before boot whether this run serves HTTP, then hands the arguments to picocli. */
@QuarkusMain
public class VitrineMain implements QuarkusApplication {

    @Inject
    CdiCommandFactory factory;

    /** The job commands of this build: all four in the JVM artifact, none in the serve-only native image. */
    @Inject
    Instance<JobCommand> jobs;

    public static void main(String... args) {
        if (!VitrineCommand.servesHttp(args)) {
            // A job must not need or open the HTTP port (two jobs, or a job beside the service, must not clash).
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(VitrineMain.class, args);
    }

    @Override
    public int run(String... args) {
        CommandLine commandLine = new CommandLine(VitrineCommand.class, factory);
        List<JobCommand> available = jobs.stream()
                .sorted(Comparator.comparingInt(job -> JobCommand.ORDER.indexOf(name(job))))
                .toList();
        available.forEach(commandLine::addSubcommand);
        if (available.isEmpty() && args.length > 0 && JobCommand.ORDER.contains(args[0])) {
            commandLine.getErr()
                    .println("'" + args[0] + "' is not in this build: the native function only serves."
                            + " Run the jobs (" + String.join(", ", JobCommand.ORDER) + ") with the JVM artifact,"
                            + " java -jar target/quarkus-app/quarkus-run.jar " + args[0] + " ...");
            return CommandLine.ExitCode.USAGE;
        }
        return commandLine.execute(args);
    }

    private static String name(JobCommand job) {
        Command command = job.getClass().getAnnotation(Command.class);
        return command == null ? "" : command.name();
    }
}
