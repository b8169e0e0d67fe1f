package io.vitrine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layout the README's "Architecture" section draws, checked on the compiled main classes: no package depends on
 * itself through others, the core (stages, definitions, ports) and the use cases run without any framework, and
 * dependencies point inwards: edges, then adapters and the wire shapes, then use cases, then the core.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vitrine");

    /** The pipeline stages, the definitions they share, and the ports. */
    private static final String[] CORE = {"io.vitrine.catalog..", "io.vitrine.event..", "io.vitrine.feature..",
            "io.vitrine.recall..", "io.vitrine.rank..", "io.vitrine.rerank..", "io.vitrine.pipeline..",
            "io.vitrine.experiment..", "io.vitrine.model..", "io.vitrine.validation..", "io.vitrine.port..",
            "io.vitrine.demo.."};
    /** What runs the core against the ports: the three calls and the offline jobs. */
    private static final String[] USE_CASES = {"io.vitrine.recommend..", "io.vitrine.feedback..",
            "io.vitrine.abtest..", "io.vitrine.train.."};
    /** Implementations of the ports and readers of data files. */
    private static final String[] ADAPTERS = {"io.vitrine.redis..", "io.vitrine.storage..", "io.vitrine.memory..",
            "io.vitrine.files.."};
    /** HTTP (the API and the operator console), the command line, configuration and wiring. */
    private static final String[] EDGES = {"io.vitrine.api..", "io.vitrine.cli..", "io.vitrine.boot..",
            "io.vitrine.dev..", "io.vitrine.config..", "io.vitrine.console.."};
    /** Runtime frameworks: the edges and adapters use them, the core and the use cases never. */
    private static final String[] FRAMEWORKS = {"io.quarkus..", "io.vertx..", "io.smallrye..", "io.netty..",
            "jakarta.ws.rs..", "jakarta.enterprise..", "jakarta.inject..", "org.jboss..", "software.amazon..",
            "io.micrometer..", "picocli.."};

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.vitrine.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theCoreAndTheUseCasesUseNoFramework() {
        noClasses().that()
                .resideInAnyPackage(concat(CORE, USE_CASES))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORKS)
                .check(MAIN);
    }

    @Test
    void dependenciesPointInwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Edges")
                .definedBy(EDGES)
                .layer("Adapters")
                .definedBy(ADAPTERS)
                .layer("Wire")
                .definedBy("io.vitrine.wire..")
                .layer("UseCases")
                .definedBy(USE_CASES)
                .layer("Core")
                .definedBy(CORE)
                .whereLayer("Edges")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Adapters")
                .mayOnlyBeAccessedByLayers("Edges", "UseCases")
                .whereLayer("Wire")
                .mayOnlyBeAccessedByLayers("Edges", "Adapters", "UseCases")
                .whereLayer("UseCases")
                .mayOnlyBeAccessedByLayers("Edges", "Wire")
                .check(MAIN);
    }

    @Test
    void theServingUseCasesReachStoresThroughThePortsOnly() {
        // The offline jobs replay into the in-memory adapter; the calls never name an adapter.
        noClasses().that()
                .resideInAnyPackage("io.vitrine.recommend..", "io.vitrine.feedback..", "io.vitrine.abtest..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS)
                .check(MAIN);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
