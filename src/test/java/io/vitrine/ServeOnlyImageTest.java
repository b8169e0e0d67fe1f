package io.vitrine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.vitrine.cli.JobCommand;
import io.vitrine.cli.VitrineMain;

/**
 * The JVM-mode guard of the serve-only native image (the binary itself is only built in the {@code native} workflow). A
 * class-graph check over {@code target/classes}: starting from everything the native build keeps as an entry point (the
 * main class, CDI beans, resources, providers, config mappings, classes registered for reflection), it follows every
 * type a class file mentions (code, signatures, annotations, constants) through Vitrine's own classes and fails when
 * one of them references the training side: Tribuo, xgboost4j, kryo, the progress bar, JLine or Jansi. Beans kept only
 * in builds with {@code vitrine.build.jobs} (the job commands, the tribuo evaluator) and dev-mode beans are no entry
 * points, because the native profile sets that property to {@code false} and removes those libraries from the image
 * (checked below too). The walk is class-level, so it over-approximates what the native analysis reaches: a passing
 * check means the analysis cannot reach the trainer either.
 */
class ServeOnlyImageTest {
    /** Packages (internal names) that must not be referenced from the serving image. */
    static final List<String> FORBIDDEN = List.of("org/tribuo/", "ml/dmlc/", "com/esotericsoftware/", "me/tongfei/",
            "org/jline/", "org/fusesource/jansi/", "com/oracle/labs/olcut/", "org/jfree/",
            "com/google/code/externalsorting/");

    /** The artifacts behind {@link #FORBIDDEN}: the native profile must remove each from the image. */
    static final List<String> TRAINING_ARTIFACTS = List.of("org.tribuo:tribuo-classification-xgboost",
            "org.tribuo:tribuo-common-xgboost", "org.tribuo:tribuo-classification-core", "org.tribuo:tribuo-core",
            "org.tribuo:tribuo-common-tree", "org.tribuo:tribuo-data", "org.tribuo:tribuo-math",
            "org.tribuo:tribuo-interop-core", "org.tribuo:tribuo-util-onnx", "org.tribuo:tribuo-util-tokenization",
            "ml.dmlc:xgboost4j_2.12", "com.esotericsoftware:kryo", "com.esotericsoftware:reflectasm",
            "com.esotericsoftware:minlog", "me.tongfei:progressbar", "org.jline:jline-terminal",
            "org.jline:jline-native", "org.jline:jline-reader", "org.jline:jline-builtins", "org.jline:jline-style",
            "org.jline:jline-terminal-jansi", "org.fusesource.jansi:jansi", "com.oracle.labs.olcut:olcut-core",
            "com.oracle.labs.olcut:olcut-config-protobuf", "org.jfree:jfreechart",
            "com.google.code.externalsortinginjava:externalsortinginjava");

    /** Annotations (descriptor prefixes) that make a class an entry point of a Quarkus build. */
    static final List<String> ENTRY_ANNOTATIONS = List.of("Ljakarta/enterprise/", "Ljakarta/inject/",
            "Ljakarta/ws/rs/", "Ljakarta/annotation/", "Lio/quarkus/", "Lorg/eclipse/microprofile/",
            "Lorg/jboss/resteasy/reactive/", "Lio/smallrye/config/");

    static Map<String, ClassFacts> classes;

    @BeforeAll
    static void readClasses() throws IOException, URISyntaxException {
        Path root = Path.of(VitrineMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    ClassFacts facts = ClassFacts.read(in.readAllBytes());
                    classes.put(facts.name, facts);
                }
            }
        }
    }

    @Test
    void nothingReachableFromTheServingEntryPointsReferencesTheTrainer() {
        Map<String, String> reachedFrom = reachable();
        Map<String, Set<String>> offences = new LinkedHashMap<>();
        for (String name : reachedFrom.keySet()) {
            Set<String> bad = classes.get(name).references.stream()
                    .filter(ref -> FORBIDDEN.stream().anyMatch(ref::startsWith))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!bad.isEmpty()) {
                offences.put(path(reachedFrom, name), bad);
            }
        }
        assertThat(offences).as("serving classes (path from an entry point) referencing the training side")
                .isEmpty();
        // Not vacuous: the three calls, admin, S3 and the pure-Java trees are in; the trainer and the jobs are not.
        assertThat(reachedFrom.keySet()).contains("io/vitrine/api/RecommendResource", "io/vitrine/api/FeedbackResource",
                "io/vitrine/api/AbAssignResource", "io/vitrine/api/ModelResource", "io/vitrine/cli/ServeCommand",
                "io/vitrine/storage/S3ObjectStore", "io/vitrine/rank/TreeEnsembleRanker",
                "io/vitrine/model/BundleReader");
        assertThat(reachedFrom.keySet()).doesNotContain("io/vitrine/train/TrainingPipeline",
                "io/vitrine/train/RankerTrainer", "io/vitrine/cli/TrainCommand", "io/vitrine/cli/EvaluateCommand",
                "io/vitrine/cli/ImportCommand", "io/vitrine/cli/DemoDataCommand", "io/vitrine/cli/ExportCommand",
                "io/vitrine/model/ModelCodec",
                "io/vitrine/rank/TribuoRanker");
    }

    @Test
    void theJobsOnlyBeansAreExactlyTheTrainingSide() {
        Set<String> jobsOnly = classes.values()
                .stream()
                .filter(c -> c.jobsOnly)
                .map(c -> c.name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(jobsOnly).containsExactly("io/vitrine/boot/TribuoModelFiles", "io/vitrine/cli/DemoDataCommand",
                "io/vitrine/cli/EvaluateCommand", "io/vitrine/cli/ExportCommand", "io/vitrine/cli/ImportCommand",
                "io/vitrine/cli/TrainCommand");
    }

    @Test
    void theNativeProfileBuildsWithoutTheJobsAndWithoutTheTrainingLibraries() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element nativeProfile = null;
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if ("native".equals(text(profile, "id"))) {
                nativeProfile = profile;
            }
        }
        assertThat(nativeProfile).as("the native profile").isNotNull();
        assertThat(text(nativeProfile, JobCommand.BUILD_PROPERTY)).isEqualTo("false");
        String removed = text(nativeProfile, "quarkus.class-loading.removed-artifacts");
        assertThat(removed).as("quarkus.class-loading.removed-artifacts of the native profile").isNotNull();
        Set<String> removedArtifacts = Stream.of(removed.split(","))
                .map(String::strip)
                .collect(Collectors.toSet());
        assertThat(removedArtifacts).containsAll(TRAINING_ARTIFACTS);
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    /** Every Vitrine class reachable from the entry points, with the class it was first reached from. */
    private static Map<String, String> reachable() {
        Map<String, String> reachedFrom = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (ClassFacts facts : classes.values()) {
            if (facts.entryPoint && !facts.jobsOnly && !facts.devOnly) {
                reachedFrom.put(facts.name, null);
                queue.add(facts.name);
            }
            for (String target : facts.reflectionTargets) {
                if (classes.containsKey(target) && reachedFrom.putIfAbsent(target, facts.name) == null) {
                    queue.add(target);
                }
            }
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            for (String ref : classes.get(name).references) {
                ClassFacts target = classes.get(ref);
                // A jobs-only or dev-only bean is not built into the native image: nothing there creates one.
                if (target != null && !target.jobsOnly && !target.devOnly && !reachedFrom.containsKey(ref)) {
                    reachedFrom.put(ref, name);
                    queue.add(ref);
                }
            }
        }
        return reachedFrom;
    }

    private static String path(Map<String, String> reachedFrom, String name) {
        List<String> chain = new ArrayList<>();
        for (String at = name; at != null; at = reachedFrom.get(at)) {
            chain.add(0, at.replace('/', '.'));
        }
        return String.join(" -> ", chain);
    }

    /** What the check needs from one class file. */
    static final class ClassFacts {
        String name;
        final Set<String> references = new TreeSet<>();
        final Set<String> reflectionTargets = new TreeSet<>();
        boolean entryPoint;
        boolean jobsOnly;
        boolean devOnly;

        static ClassFacts read(byte[] bytes) {
            ClassFacts facts = new ClassFacts();
            Remapper collector = new Remapper() {
                @Override
                public String map(String internalName) {
                    facts.references.add(internalName);
                    return internalName;
                }
            };
            ClassVisitor annotations = new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                        String[] interfaces) {
                    facts.name = name;
                    if (name.endsWith("package-info")) {
                        facts.devOnly = true; // never an entry point of its own
                    }
                }

                @Override
                public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                    noteEntry(descriptor);
                    if (descriptor.equals("Lio/quarkus/arc/properties/IfBuildProperty;")) {
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public void visit(String name, Object value) {
                                if (name.equals("name") && JobCommand.BUILD_PROPERTY.equals(value)) {
                                    facts.jobsOnly = true;
                                }
                            }
                        };
                    }
                    if (descriptor.equals("Lio/quarkus/arc/profile/IfBuildProfile;")) {
                        facts.devOnly = true;
                    }
                    if (descriptor.equals("Lio/quarkus/runtime/annotations/RegisterForReflection;")) {
                        return new AnnotationVisitor(Opcodes.ASM9) {
                            @Override
                            public AnnotationVisitor visitArray(String name) {
                                return new AnnotationVisitor(Opcodes.ASM9) {
                                    @Override
                                    public void visit(String ignored, Object value) {
                                        if (value instanceof Type type) {
                                            facts.reflectionTargets.add(type.getInternalName());
                                        }
                                    }
                                };
                            }
                        };
                    }
                    return null;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                        Object value) {
                    return new FieldVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                            noteEntry(annotation);
                            return null;
                        }
                    };
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                            noteEntry(annotation);
                            return null;
                        }

                        @Override
                        public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation,
                                boolean visible) {
                            noteEntry(annotation);
                            return null;
                        }
                    };
                }

                private void noteEntry(String descriptor) {
                    if (ENTRY_ANNOTATIONS.stream().anyMatch(descriptor::startsWith)) {
                        facts.entryPoint = true;
                    }
                }
            };
            ClassReader reader = new ClassReader(bytes);
            reader.accept(annotations, 0);
            // A ClassWriter below the remapper, so that it is handed (and maps) every member and instruction.
            reader.accept(new ClassRemapper(new ClassWriter(0), collector), 0);
            facts.references.remove(facts.name);
            return facts;
        }
    }
}
