package io.tableos.db.storage;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/**
 * The class Chronicle Map would compile with javac the first time a JVM creates a map comes
 * from the build (src/build/ChronicleNativeClasses.java) instead: Chronicle finds it by name.
 * One it had compiled at run time would have no code location.
 */
class ChronicleNativeClassesTest {
    @Test
    void chronicleUsesTheClassTheBuildCompiled() throws ClassNotFoundException {
        ChronicleStorage.warmUp(); // creates maps, as a node's start does
        Class<?> generated = Class.forName("net.openhft.chronicle.hash.VanillaGlobalMutableState$$Native",
                false, ChronicleStorage.class.getClassLoader());
        java.security.CodeSource source = generated.getProtectionDomain().getCodeSource();
        assertNotNull(source == null ? null : source.getLocation(),
                "defined at run time, not loaded from the build's classes: " + generated);
    }
}
