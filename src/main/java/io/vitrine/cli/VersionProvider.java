package io.vitrine.cli;

import org.eclipse.microprofile.config.ConfigProvider;

import picocli.CommandLine;

/** Reports the application version from the Quarkus configuration. */
public class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"vitrine " + ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.version", String.class)
                .orElse("unknown")};
    }
}
