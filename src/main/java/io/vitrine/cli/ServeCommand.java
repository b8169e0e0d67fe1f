package io.vitrine.cli;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.Dependent;

import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.Quarkus;

import picocli.CommandLine.Command;

/** Serves the HTTP API until the process is stopped. */
@Dependent
@Unremovable
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API (the default).")
public class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
