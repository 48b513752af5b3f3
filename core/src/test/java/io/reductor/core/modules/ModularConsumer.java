package io.reductor.core.modules;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A module named {@code consumer} that uses one of this build's modules the way a user's modular application does:
 * compiled with javac and run in its own JVM on the module path, never on the class path the tests run on. The module
 * path is the module under test ({@code target/classes}, with its descriptor) and its runtime dependencies as the
 * build lists them in {@code target/module-path.txt}.
 */
public final class ModularConsumer {

    private static final Path MODULE_UNDER_TEST = Path.of("target", "classes");
    private static final Path DEPENDENCIES = Path.of("target", "module-path.txt");

    private final Path sources;
    private final Path classes;

    private ModularConsumer(Path directory) {
        this.sources = directory.resolve("src");
        this.classes = directory.resolve("classes");
    }

    /** A consumer whose sources and classes are written under {@code directory}. */
    public static ModularConsumer in(Path directory) {
        return new ModularConsumer(directory);
    }

    /** The descriptor of the module under test, as compiled into {@code target/classes}. */
    public static ModuleDescriptor moduleUnderTest() {
        Set<ModuleReference> found = ModuleFinder.of(MODULE_UNDER_TEST).findAll();
        if (found.size() != 1) {
            throw new IllegalStateException("No module descriptor in " + MODULE_UNDER_TEST.toAbsolutePath());
        }
        return found.iterator().next().descriptor();
    }

    /** The packages {@code module} exports, each qualified export written {@code "package to module,..."}. */
    public static Set<String> exports(ModuleDescriptor module) {
        return module.exports().stream().map(export -> qualified(export.source(), export.targets()))
                .collect(Collectors.toSet());
    }

    /** The packages {@code module} opens, each qualified opening written {@code "package to module,..."}. */
    public static Set<String> opens(ModuleDescriptor module) {
        return module.opens().stream().map(open -> qualified(open.source(), open.targets()))
                .collect(Collectors.toSet());
    }

    private static String qualified(String source, Set<String> targets) {
        return targets.isEmpty() ? source : source + " to " + String.join(",", new TreeSet<>(targets));
    }

    /** The outcome of compiling the consumer: javac's error messages, none when it compiled. */
    public record Compilation(List<String> errors) {

        /** Whether javac reported no error. */
        public boolean succeeded() {
            return errors.isEmpty();
        }
    }

    /** The outcome of running the consumer: the exit code and everything it printed, standard error included. */
    public record Run(int exitCode, String output) {
    }

    /**
     * Compiles {@code moduleInfo} (the consumer's {@code module-info.java}, declaring module {@code consumer}) and
     * {@code types} (source by fully qualified class name) against the module path.
     */
    public Compilation compile(String moduleInfo, Map<String, String> types) {
        try {
            List<Path> files = new ArrayList<>();
            files.add(write(sources.resolve("module-info.java"), moduleInfo));
            for (Map.Entry<String, String> type : types.entrySet()) {
                files.add(write(sources.resolve(type.getKey().replace('.', '/') + ".java"), type.getValue()));
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                List<String> options = List.of("--module-path", modulePath(), "-d", classes.toString());
                javac.getTask(null, fileManager, diagnostics, options, null,
                        fileManager.getJavaFileObjectsFromPaths(files)).call();
            }
            return new Compilation(diagnostics.getDiagnostics().stream()
                    .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                    .map(diagnostic -> diagnostic.getMessage(Locale.ROOT)).collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code mainClass} of the compiled consumer in a new JVM on the module path and waits for it to end. */
    public Run run(String mainClass) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Path output = Files.createDirectories(classes.getParent()).resolve("output.txt");
            Process process = new ProcessBuilder(java.toString(), "--module-path",
                    classes + File.pathSeparator + modulePath(), "--module", "consumer/" + mainClass)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("The consumer did not end: " + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String modulePath() throws IOException {
        if (!Files.exists(DEPENDENCIES)) {
            throw new IllegalStateException(DEPENDENCIES.toAbsolutePath() + " is missing: the build writes it "
                    + "(maven-dependency-plugin, execution module-path) before the tests run");
        }
        String dependencies = Files.readString(DEPENDENCIES).strip();
        return dependencies.isEmpty() ? MODULE_UNDER_TEST.toString()
                : MODULE_UNDER_TEST + File.pathSeparator + dependencies;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
