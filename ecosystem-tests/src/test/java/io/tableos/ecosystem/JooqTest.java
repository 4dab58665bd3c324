package io.tableos.ecosystem;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ 3.19 with the POSTGRES dialect, without generated code: DDL built by the DSL, INSERT ...
 * RETURNING, a batch, ON CONFLICT DO UPDATE, a join with GROUP BY and HAVING, a window function,
 * and a transaction rolled back by an exception.
 */
class JooqTest {
    private static final String SCHEMA = "eco_jooq";
    private static final Table<Record> TEAM = table(name("team"));
    private static final Table<Record> PLAYER = table(name("player"));
    private static final Field<Integer> TEAM_ID = field(name("team", "id"), Integer.class);
    private static final Field<String> TEAM_NAME = field(name("team", "name"), String.class);
    private static final Field<Integer> PLAYER_ID = field(name("player", "id"), Integer.class);
    private static final Field<Integer> PLAYER_TEAM = field(name("player", "team_id"), Integer.class);
    private static final Field<String> PLAYER_NAME = field(name("player", "name"), String.class);
    private static final Field<BigDecimal> PLAYER_SCORE = field(name("player", "score"), BigDecimal.class);

    @OnBothDatabases
    void dslStatementsOnThePostgresDialect(Database db) throws SQLException {
        Schemas.recreate(db, SCHEMA);
        try (Connection c = db.connect("currentSchema=" + SCHEMA)) {
            DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
            dsl.createTable(TEAM).column("id", SQLDataType.INTEGER.identity(true)).column("name", SQLDataType.VARCHAR(50).nullable(false))
                    .constraints(DSL.primaryKey("id"), DSL.unique("name")).execute();
            dsl.createTable(PLAYER).column("id", SQLDataType.INTEGER.identity(true))
                    .column("team_id", SQLDataType.INTEGER.nullable(false)).column("name", SQLDataType.VARCHAR(50).nullable(false))
                    .column("score", SQLDataType.NUMERIC(6, 1).nullable(false).defaultValue(BigDecimal.ZERO))
                    .constraints(DSL.primaryKey("id"), DSL.foreignKey("team_id").references("team", "id")).execute();

            int red = dsl.insertInto(TEAM, TEAM_NAME).values("red").returningResult(TEAM_ID).fetchOne().value1();
            int blue = dsl.insertInto(TEAM, TEAM_NAME).values("blue").returningResult(TEAM_ID).fetchOne().value1();
            dsl.batch(
                    dsl.insertInto(PLAYER, PLAYER_TEAM, PLAYER_NAME, PLAYER_SCORE).values(red, "ann", new BigDecimal("7.5")),
                    dsl.insertInto(PLAYER, PLAYER_TEAM, PLAYER_NAME, PLAYER_SCORE).values(red, "bob", new BigDecimal("3.0")),
                    dsl.insertInto(PLAYER, PLAYER_TEAM, PLAYER_NAME, PLAYER_SCORE).values(blue, "cyd", new BigDecimal("9.0"))).execute();
            dsl.insertInto(TEAM, TEAM_ID, TEAM_NAME).values(red, "red").onConflict(TEAM_ID).doUpdate()
                    .set(TEAM_NAME, "crimson").execute();

            List<String> totals = dsl.select(TEAM_NAME, count(PLAYER_ID), DSL.sum(PLAYER_SCORE))
                    .from(TEAM).join(PLAYER).on(PLAYER_TEAM.eq(TEAM_ID))
                    .groupBy(TEAM_NAME).having(count(PLAYER_ID).ge(1)).orderBy(TEAM_NAME)
                    .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3());
            assertEquals(List.of("blue 1 9.0", "crimson 2 10.5"), totals);

            List<String> ranked = dsl.select(PLAYER_NAME, DSL.rank().over(DSL.partitionBy(PLAYER_TEAM).orderBy(PLAYER_SCORE.desc())))
                    .from(PLAYER).orderBy(PLAYER_NAME).fetch(r -> r.value1() + " " + r.value2());
            assertEquals(List.of("ann 1", "bob 2", "cyd 1"), ranked);

            try {
                dsl.transaction(cfg -> {
                    DSL.using(cfg).deleteFrom(PLAYER).where(PLAYER_NAME.eq("bob")).execute();
                    throw new IllegalStateException("abort");
                });
            } catch (IllegalStateException expected) {
                // the transaction rolled back
            }
            assertEquals(3, dsl.fetchCount(PLAYER));
        }
    }
}
