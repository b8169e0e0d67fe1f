import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import jdk.graal.compiler.options.OptionDescriptor;
import jdk.graal.compiler.options.OptionDescriptors;

import org.graalvm.collections.EconomicMap;

import com.oracle.svm.core.option.APIOption;
import com.oracle.svm.core.option.OptionUtils;
import com.oracle.svm.hosted.option.HostedOptionParser;

/**
 * A minimal stand-in for the native-image driver (the svm-driver jar is not published on Maven Central): it turns the
 * arguments Quarkus writes into native-image.args, plus the native-image.properties of every class-path jar, into the
 * arguments of the image builder (com.oracle.svm.hosted.NativeImageGeneratorRunner), translating the API options
 * ("--features", "--initialize-at-run-time", ...) with the builder's own @APIOption annotations, as the real driver
 * does. Prints one builder argument per line.
 *
 * Usage: ProbeDriver NATIVE_SOURCES_DIR OUTPUT_DIR [extra native-image args...]
 */
public class ProbeDriver {

    record Api(String builderOption, String defaultValue, boolean defaultFinal, char[] separators,
            List<Class<? extends Function<Object, Object>>> transformers) {
    }

    static final Map<String, Api> API = new TreeMap<>();
    static final List<String> builderArgs = new ArrayList<>();
    static final List<String> javaArgs = new ArrayList<>();
    static final List<String[]> excludeConfig = new ArrayList<>();
    static final List<Path> classpath = new ArrayList<>();
    static String mainClass;
    static int configCount;
    static int excludedCount;
    /** The walker's file types: option name, file name (com.oracle.svm.driver.metainf.MetaInfFileType). */
    static final String[][] CONFIG_TYPES = {{"ReachabilityMetadataResources", "reachability-metadata.json"},
            {"JNIConfigurationResources", "jni-config.json"}, {"ForeignResources", "foreign-config.json"},
            {"ReflectionConfigurationResources", "reflect-config.json"},
            {"ResourceConfigurationResources", "resource-config.json"},
            {"DynamicProxyConfigurationResources", "proxy-config.json"},
            {"SerializationConfigurationResources", "serialization-config.json"},
            {"SerializationDenyConfigurationResources", "serialization-deny-config.json"},
            {"PredefinedClassesConfigurationResources", "predefined-classes-config.json"}};
    static String imageName;

    public static void main(String[] argv) throws Exception {
        loadApiOptions();
        Path sources = Path.of(argv[0]).toAbsolutePath();
        Path out = Path.of(argv[1]).toAbsolutePath();
        List<String> args = new ArrayList<>(tokenize(Files.readString(sources.resolve("native-image.args"))));
        for (int i = 2; i < argv.length; i++) {
            args.add(argv[i]);
        }
        process(new ArrayDeque<>(args), "user", sources);
        // The class path's own native-image.properties, unless excluded with --exclude-config (as the driver does).
        for (Path entry : List.copyOf(classpath)) {
            scanProperties(entry);
        }
        List<String> result = new ArrayList<>();
        result.add("#JAVA");
        result.addAll(javaArgs);
        result.add("#BUILDER");
        result.add("-imagecp");
        result.add(String.join(":", classpath.stream().map(Path::toString).toList()));
        result.add("-H:Path=" + out);
        result.add("-H:Name=" + imageName);
        result.add("-H:Class=" + mainClass);
        result.add("-H:ImageBuildID=" + java.util.UUID.randomUUID());
        // Empty stand-ins for the JDK's static libraries (Temurin ships none): analysis needs only their presence.
        if (System.getenv("PROBE_CLIBS") != null) {
            result.add("-H:CLibraryPath=" + System.getenv("PROBE_CLIBS"));
        }
        result.addAll(builderArgs);
        result.forEach(System.out::println);
        System.err.println("probe driver: " + classpath.size() + " class-path entries, " + configCount
                + " META-INF/native-image config files (" + excludedCount + " excluded), image " + imageName
                + ", main class " + mainClass);
    }

    static void loadApiOptions() {
        Iterable<OptionDescriptors> loaders = ServiceLoader.load(ProbeDriver.class.getModule().getLayer() == null
                ? ModuleLayer.boot()
                : ProbeDriver.class.getModule().getLayer(), OptionDescriptors.class);
        EconomicMap<String, OptionDescriptor> hosted = EconomicMap.create();
        EconomicMap<String, OptionDescriptor> runtime = EconomicMap.create();
        HostedOptionParser.collectOptions(loaders, hosted, runtime);
        hosted.getValues().forEach(d -> extract("-H:", d));
        runtime.getValues().forEach(d -> extract("-R:", d));
    }

    @SuppressWarnings("unchecked")
    static void extract(String prefix, OptionDescriptor d) {
        boolean isBoolean = d.getOptionValueType().equals(Boolean.class);
        for (APIOption a : OptionUtils.getAnnotationsByType(d, APIOption.class)) {
            if (!a.group().equals(APIOption.NullGroup.class)) {
                continue; // grouped boolean options (e.g. --enable-monitoring members) are not used by Quarkus here
            }
            String name = APIOption.Utils.optionName(a.name()[0]);
            String builder;
            String defaultValue = null;
            if (isBoolean) {
                builder = prefix + (a.kind() == APIOption.APIOptionKind.Negated ? "-" : "+") + d.getName();
            } else {
                builder = prefix + d.getName() + "=";
                if (a.defaultValue().length > 0) {
                    defaultValue = a.defaultValue()[0];
                }
                if (a.fixedValue().length > 0) {
                    defaultValue = a.fixedValue()[0];
                }
            }
            List<Class<? extends Function<Object, Object>>> transformers = List.of(a.valueTransformer());
            Api api = new Api(builder, defaultValue, isBoolean || a.fixedValue().length > 0, a.valueSeparator(),
                    transformers);
            for (String variant : a.name()) {
                API.put(APIOption.Utils.optionName(variant), api);
            }
        }
    }

    static String translate(Deque<String> q) {
        String head = q.peek();
        for (Map.Entry<String, Api> e : API.entrySet()) {
            String name = e.getKey();
            Api api = e.getValue();
            String value = null;
            boolean matched = false;
            if ((api.defaultFinal || api.defaultValue != null) && head.equals(name)) {
                matched = true;
                value = api.defaultValue;
            } else {
                for (char sep : api.separators) {
                    if (sep == APIOption.WHITESPACE_SEPARATOR && head.equals(name)) {
                        q.poll();
                        value = q.peek();
                        matched = true;
                        break;
                    }
                    String withSep = name + sep;
                    if (sep != APIOption.WHITESPACE_SEPARATOR && head.startsWith(withSep)) {
                        value = head.substring(withSep.length());
                        matched = true;
                        break;
                    }
                }
            }
            if (matched) {
                String option = api.builderOption;
                if (value != null) {
                    Object v = value;
                    for (Class<? extends Function<Object, Object>> t : api.transformers) {
                        v = instantiate(t).apply(v);
                    }
                    option += v;
                }
                return option;
            }
        }
        return null;
    }

    static Function<Object, Object> instantiate(Class<? extends Function<Object, Object>> t) {
        try {
            var c = t.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException | IllegalCallerException e) {
            throw new IllegalStateException("cannot instantiate " + t + ": add --add-opens for its package", e);
        }
    }

    /** origin: null for the command line, else the URL of the native-image.properties. */
    static void process(Deque<String> q, String origin, Path baseDir) throws IOException {
        while (!q.isEmpty()) {
            String head = q.peek();
            if (head.equals("--exclude-config")) {
                q.poll();
                excludeConfig.add(new String[] {q.poll(), q.poll()});
                continue;
            }
            if (head.equals("-jar")) {
                q.poll();
                Path jar = baseDir.resolve(q.poll()).toAbsolutePath().normalize();
                classpath.add(jar);
                try (JarFile jf = new JarFile(jar.toFile())) {
                    Manifest m = jf.getManifest();
                    mainClass = m.getMainAttributes().getValue("Main-Class");
                    // As the driver does for -jar: the manifest's Add-Opens/Add-Exports apply to the image's classes
                    // (Quarkus's runner jar opens java.base/java.lang, which jboss-threads needs on JDK 24+).
                    for (String attribute : List.of("Add-Opens", "Add-Exports")) {
                        String value = m.getMainAttributes().getValue(attribute);
                        if (value != null) {
                            for (String pkg : value.trim().split("\\s+")) {
                                javaArgs.add("--" + attribute.toLowerCase(java.util.Locale.ROOT) + "=" + pkg
                                        + "=ALL-UNNAMED");
                            }
                        }
                    }
                    String cp = m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String e : cp.trim().split("\\s+")) {
                            classpath.add(jar.getParent().resolve(e).normalize());
                        }
                    }
                }
                continue;
            }
            if (head.startsWith("-J")) {
                javaArgs.add(q.poll().substring(2));
                continue;
            }
            if (head.startsWith("-D")) {
                javaArgs.add(q.poll());
                continue;
            }
            if (head.startsWith("-H:") || head.startsWith("-R:")) {
                String arg = q.poll();
                builderArgs.add(injectOrigin(arg, origin));
                continue;
            }
            String translated = translate(q);
            if (translated != null) {
                q.poll();
                builderArgs.add(injectOrigin(translated, origin + "+api"));
                continue;
            }
            if (head.startsWith("-")) {
                throw new IllegalArgumentException("unrecognized option " + head + (" in " + origin));
            }
            if ("user".equals(origin) && imageName == null) {
                imageName = q.poll();
                continue;
            }
            throw new IllegalArgumentException("unexpected argument " + head);
        }
    }

    /** -H:Name=value -> -H:Name@origin=value, as the driver's injectHostedOptionOrigin. */
    static String injectOrigin(String arg, String origin) {
        if (origin == null || origin.isEmpty() || !(arg.startsWith("-H:") || arg.startsWith("-R:"))) {
            return arg;
        }
        int eq = arg.indexOf('=');
        if (eq < 0) {
            return arg + "@" + origin;
        }
        return arg.substring(0, eq) + "@" + origin + arg.substring(eq);
    }

    static void scanProperties(Path entry) throws IOException {
        if (!Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jf = new JarFile(entry.toFile())) {
            for (String[] type : CONFIG_TYPES) {
                for (ZipEntry z : jf.stream().filter(z -> z.getName().startsWith("META-INF/native-image/")
                        && z.getName().endsWith("/" + type[1])).map(z -> (ZipEntry) z).toList()) {
                    if (excluded(entry, "/" + z.getName())) {
                        excludedCount++;
                        continue;
                    }
                    configCount++;
                    builderArgs.add("-H:" + type[0] + "@jar:" + entry.toUri() + "!/" + z.getName() + "=" + z.getName());
                }
            }
            List<ZipEntry> props = jf.stream()
                    .filter(z -> z.getName().startsWith("META-INF/native-image/")
                            && z.getName().endsWith("/native-image.properties"))
                    .map(z -> (ZipEntry) z).toList();
            for (ZipEntry z : props) {
                String dir = z.getName().substring(0, z.getName().length() - "/native-image.properties".length());
                if (excluded(entry, "/" + z.getName())) {
                    continue;
                }
                configCount++;
                Properties p = new Properties();
                try (InputStream in = jf.getInputStream(z)) {
                    p.load(in);
                }
                String origin = "jar:" + entry.toUri() + "!/" + z.getName();
                String javaArgsValue = p.getProperty("JavaArgs");
                if (javaArgsValue != null) {
                    javaArgs.addAll(tokenize(javaArgsValue.replace("${.}", dir)));
                }
                String argsValue = p.getProperty("Args");
                if (argsValue != null) {
                    process(new ArrayDeque<>(tokenize(argsValue.replace("${.}", dir))), origin, entry.getParent());
                }
            }
        }
    }

    static boolean excluded(Path jar, String resource) {
        for (String[] ex : excludeConfig) {
            if (Pattern.compile(ex[0]).matcher(jar.toString()).find()
                    && Pattern.compile(ex[1]).matcher(resource).matches()) {
                return true;
            }
        }
        return false;
    }

    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
