package io.vitrine.cli;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;

import picocli.CommandLine.Command;

/**
 * The top command: without a subcommand it serves HTTP. {@code serve} is always there; the job commands are added by
 * {@link VitrineMain} from the {@link JobCommand} beans of the build (none in the native image).
 */
@Dependent
@Unremovable
@Command(name = "vitrine", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Recommendation service. Without a command it serves the HTTP API.",
        subcommands = ServeCommand.class)
public class VitrineCommand implements Callable<Integer> {

    /** Whether these arguments run the HTTP service (no command, or {@code serve}). */
    public static boolean servesHttp(String... args) {
        return args.length == 0 || "serve".equals(args[0]);
    }

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
