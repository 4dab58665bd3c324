package io.tableos.db.wire.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.sql.session.RowSink;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The limits on what a session's open portals hold, on the registry alone: parameter bytes
 * (Bind sizes) and portals with an open (suspended) result. Both answer 53400 and free their
 * share when a portal closes or the transaction ends.
 */
class StatementRegistryTest {
    private static final PreparedStatement STATEMENT = new PreparedStatement() {
        @Override public String text() { return "SELECT 1"; }
        @Override public List<DataType> parameterTypes() { return List.of(); }
        @Override public List<ResultColumn> columns() { return List.of(); }
    };

    private static final StatementResult OPEN_RESULT = new StatementResult() {
        @Override public Kind kind() { return Kind.ROWS; }
        @Override public List<ResultColumn> columns() { return List.of(); }
        @Override public boolean fetch(RowSink sink, int maxRows) { return true; }
        @Override public String commandTag() { return "SELECT 0"; }
    };

    private static Portal portal(String name, int bindBytes) {
        return new Portal(name, STATEMENT, new Object[0], RowFormat.text(List.of()), bindBytes);
    }

    @Test
    void portalParameterBytesAreBounded() {
        StatementRegistry registry = new StatementRegistry(10, 10, 1_000, 10);
        registry.putPortal(portal("a", 600));
        DbException e = assertThrows(DbException.class, () -> registry.putPortal(portal("b", 600)));
        assertEquals("53400", e.sqlState());
        registry.closePortal("a");
        registry.putPortal(portal("b", 600));
        // Replacing the unnamed portal frees its share first.
        registry.putPortal(portal("", 400));
        registry.putPortal(portal("", 400));
        registry.closeAllPortals();
        registry.putPortal(portal("c", 1_000));
    }

    @Test
    void portalsWithAnOpenResultAreBounded() {
        StatementRegistry registry = new StatementRegistry(10, 10, 1_000, 1);
        Portal first = portal("a", 10);
        Portal second = portal("b", 10);
        registry.putPortal(first);
        registry.putPortal(second);
        registry.checkCanOpenResult(first);
        first.result = OPEN_RESULT;
        registry.checkCanOpenResult(first); // resuming a suspended portal opens nothing new
        DbException e = assertThrows(DbException.class, () -> registry.checkCanOpenResult(second));
        assertEquals("53400", e.sqlState());
        registry.closePortal("a");
        registry.checkCanOpenResult(second);
    }
}
