package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring JDBC: JdbcTemplate queries and updates, a 2,000-row batchUpdate, named parameters,
 * SimpleJdbcInsert (which reads the table's columns from DatabaseMetaData and returns the
 * generated key), and TransactionTemplate commit and rollback, with Spring translating the
 * SQLSTATE of a duplicate key into its DuplicateKeyException.
 */
class SpringJdbcTest {
    private static final String SCHEMA = "eco_spring";

    @OnBothDatabases
    void templateBatchNamedParametersAndTransactions(Database db) throws SQLException {
        Schemas.recreate(db, SCHEMA);
        SingleConnectionDataSource ds = new SingleConnectionDataSource(Schemas.url(db, SCHEMA), true);
        ds.setAutoCommit(true);
        try {
            run(ds);
        } finally {
            ds.destroy();
        }
    }

    private static void run(DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.execute("CREATE TABLE account (id bigserial PRIMARY KEY, owner text NOT NULL UNIQUE, balance numeric(12,2) NOT NULL)");

        List<Object[]> batch = new ArrayList<>();
        for (int i = 0; i < 2000; i++) batch.add(new Object[] {"owner-" + i, i % 100});
        int[] counts = jdbc.batchUpdate("INSERT INTO account (owner, balance) VALUES (?, ?)", batch);
        assertEquals(2000, counts.length);
        assertEquals(2000, java.util.Arrays.stream(counts).sum());
        assertEquals(2000, jdbc.queryForObject("SELECT count(*) FROM account", Integer.class));
        assertEquals(99000, jdbc.queryForObject("SELECT sum(balance) FROM account", Integer.class));

        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        List<String> rich = named.queryForList("SELECT owner FROM account WHERE balance >= :min AND owner LIKE :prefix ORDER BY id LIMIT 3",
                new MapSqlParameterSource().addValue("min", 98).addValue("prefix", "owner-1%"), String.class);
        assertEquals(List.of("owner-198", "owner-199", "owner-1098"), rich);

        Number key = new SimpleJdbcInsert(jdbc).withTableName("account").usingGeneratedKeyColumns("id")
                .executeAndReturnKey(Map.of("owner", "spring", "balance", 5));
        assertEquals(2001L, key.longValue());

        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        assertThrows(DuplicateKeyException.class, () -> tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE account SET balance = balance - 50 WHERE owner = ?", "owner-99");
            jdbc.update("INSERT INTO account (owner, balance) VALUES (?, ?)", "owner-99", 1);
        }));
        assertEquals(99, jdbc.queryForObject("SELECT balance FROM account WHERE owner = 'owner-99'", Integer.class), "rolled back");
        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE account SET balance = balance - 50 WHERE owner = ?", "owner-99");
            jdbc.update("UPDATE account SET balance = balance + 50 WHERE owner = ?", "owner-0");
        });
        assertArrayEquals(new Integer[] {50, 49}, jdbc.queryForList(
                "SELECT balance::int FROM account WHERE owner IN ('owner-0', 'owner-99') ORDER BY owner", Integer.class).toArray());
    }
}
