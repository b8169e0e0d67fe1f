package io.vitrine.cli;

import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;

import picocli.CommandLine;

/** Lets picocli create commands as CDI beans, so they get the configured services injected. */
@Singleton
public class CdiCommandFactory implements CommandLine.IFactory {

    @Override
    public <K> K create(Class<K> type) throws Exception {
        InstanceHandle<K> handle = Arc.container().instance(type);
        return handle.isAvailable() ? handle.get() : CommandLine.defaultFactory().create(type);
    }
}
