package io.vitrine.cli;

import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import picocli.CommandLine;

/** Entry point: decides before boot whether this run serves HTTP, then hands the arguments to picocli. */
@QuarkusMain
public class VitrineMain implements QuarkusApplication {

    @Inject
    CdiCommandFactory factory;

    public static void main(String... args) {
        if (!VitrineCommand.servesHttp(args)) {
            // A job must not need or open the HTTP port (two jobs, or a job beside the service, must not clash).
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        Quarkus.run(VitrineMain.class, args);
    }

    @Override
    public int run(String... args) {
        return new CommandLine(VitrineCommand.class, factory).execute(args);
    }
}
