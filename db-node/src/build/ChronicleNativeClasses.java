import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Build step (db-node/pom.xml, process-classes): writes into the classes directory the class
 * Chronicle Map would otherwise generate and compile with javac at run time, the first time a
 * JVM creates a map. Chronicle looks the class up by name before compiling it, so a node that
 * finds it in db-node.jar never runs javac: that cost 1-2 s of every node start idle, 13 s at
 * load 18, and seconds more in a TCG VM (ChronicleStorage.warmUp).
 *
 * <p>The source comes from Chronicle's own generator (chronicle-values), reached through
 * reflection because it is package-private; the step fails the build if that ever changes,
 * and ChronicleNativeClassesTest checks that nodes load the class from the jar.
 *
 * <p>usage: java [--add-opens ...] -cp CLASSPATH ChronicleNativeClasses.java CLASSES_DIR
 */
public class ChronicleNativeClasses {
    /** The value interfaces Chronicle Map instantiates natively (its hash's global mutable state). */
    private static final List<String> VALUE_TYPES = List.of("net.openhft.chronicle.hash.VanillaGlobalMutableState");

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        for (String typeName : VALUE_TYPES) {
            Class<?> type = Class.forName(typeName);
            String simpleName = type.getSimpleName() + "$$Native";
            Path classFile = classes.resolve(type.getPackageName().replace('.', '/')).resolve(simpleName + ".class");
            if (Files.exists(classFile)) continue;
            compile(type.getPackageName(), simpleName, generatedSource(type, simpleName), classes);
            System.out.println("generated " + classFile);
        }
    }

    private static String generatedSource(Class<?> type, String simpleName) throws ReflectiveOperationException {
        Class<?> valueModel = Class.forName("net.openhft.chronicle.values.ValueModel");
        Object model = valueModel.getMethod("acquire", Class.class).invoke(null, type);
        Method generate = Class.forName("net.openhft.chronicle.values.Generators")
                .getDeclaredMethod("generateNativeClass", valueModel, String.class);
        generate.setAccessible(true);
        return (String) generate.invoke(null, model, simpleName);
    }

    private static void compile(String packageName, String simpleName, String source, Path classes) throws IOException {
        Path sources = Files.createTempDirectory("chronicle-native");
        Path file = sources.resolve(packageName.replace('.', '/')).resolve(simpleName + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-nowarn", "-proc:none", "--release", "17",
                "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), file.toString());
        try (var paths = Files.walk(sources)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        if (status != 0) throw new IllegalStateException("javac failed on Chronicle's generated " + simpleName);
    }
}
