package io.tableos.db.sql.engine;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests over one real single-node engine per test class, in a temporary directory. */
abstract class EngineTestBase {
    @TempDir
    static Path dir;
    static EngineFixture fixture;

    @BeforeAll
    static void startEngine() throws Exception {
        fixture = new EngineFixture(dir);
    }

    @AfterAll
    static void stopEngine() {
        fixture.close();
    }
}
