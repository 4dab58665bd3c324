package io.tableos.db.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql (Debian's postgresql-client) against a node: a script with an error reports it and
 * goes on; the backslash commands \l, \dn, \dt, \d, \d TABLE, \di, \ds, \df, \du, \dv, \x and
 * \timing print what PostgreSQL would print for the same schema. The exact texts below are
 * PostgreSQL 15's output for the schema {@link #start} creates (\du and \l differ on purpose:
 * TableOS has one database and one login role, its bootstrap superuser; \dn also lists sys).
 */
class PsqlTest {
    @TempDir
    static Path dir;
    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNode.start(dir);
        ExternalTool.Result setup = psql("-c", "CREATE TABLE accounts (id bigint PRIMARY KEY, owner varchar(40) NOT NULL, balance numeric(12,2) DEFAULT 0)",
                "-c", "CREATE UNIQUE INDEX accounts_owner ON accounts (owner)", "-c", "CREATE SEQUENCE ticket_seq");
        assertEquals(0, setup.exitCode(), setup.output());
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    static ExternalTool.Result psql(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "psql";
        command[1] = "-X";
        System.arraycopy(args, 0, command, 2, args.length);
        return ExternalTool.run(node, 60, command);
    }

    @Test
    void scriptWithAnErrorReportsItAndContinues() throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(script, """
                INSERT INTO accounts (id, owner) VALUES (1, 'ann');
                INSERT INTO accounts (id, owner) VALUES (1, 'bob');
                INSERT INTO accounts (id, owner) VALUES (2, 'bob');
                SELECT id, owner FROM accounts ORDER BY id;
                """);
        ExternalTool.Result r = psql("-f", script.toString());
        assertTrue(r.output().contains("ERROR:  duplicate key value violates unique constraint \"accounts_pkey\""), r.output());
        assertTrue(r.output().contains("  2 | bob"), r.output());
        assertTrue(r.output().contains("(2 rows)"), r.output());
    }

    @Test
    void listDatabasesAndSchemas() throws Exception {
        ExternalTool.Result l = psql("-c", "\\l");
        assertEquals(0, l.exitCode(), l.output());
        assertTrue(l.output().contains("tableos"), l.output());
        ExternalTool.Result dn = psql("-c", "\\dn");
        assertEquals(0, dn.exitCode(), dn.output());
        assertTrue(dn.output().contains("public"), dn.output());
    }

    @Test
    void describeTablesAndIndexes() throws Exception {
        ExternalTool.Result dt = psql("-c", "\\dt");
        assertEquals(0, dt.exitCode(), dt.output());
        assertTrue(dt.output().matches("(?s).*public\\s*\\|\\s*accounts\\s*\\|\\s*table.*"), dt.output());

        ExternalTool.Result d = psql("-c", "\\d accounts");
        assertEquals(0, d.exitCode(), d.output());
        assertTrue(d.output().contains("Table \"public.accounts\""), d.output());
        assertTrue(d.output().matches("(?s).*owner\\s*\\|\\s*character varying\\(40\\)\\s*\\|\\s*\\|\\s*not null.*"), d.output());
        assertTrue(d.output().contains("\"accounts_pkey\" PRIMARY KEY, btree (id)"), d.output());
        assertTrue(d.output().contains("\"accounts_owner\" UNIQUE, btree (owner)"), d.output());

        ExternalTool.Result di = psql("-c", "\\di");
        assertEquals(0, di.exitCode(), di.output());
        assertTrue(di.output().contains("accounts_owner"), di.output());

        ExternalTool.Result all = psql("-c", "\\d");
        assertEquals(0, all.exitCode(), all.output());
        assertTrue(all.output().contains("accounts"), all.output());
    }

    @Test
    void expandedOutput() throws Exception {
        ExternalTool.Result x = psql("-c", "\\x on", "-c", "SELECT 1 AS one, 'two' AS two");
        assertEquals(0, x.exitCode(), x.output());
        assertTrue(x.output().contains("-[ RECORD 1 ]"), x.output());
        assertTrue(x.output().matches("(?s).*two\\s*\\| two.*"), x.output());
    }

    /** psql's output for {@code command}, each line without trailing blanks (psql pads header cells). */
    static String printed(String command) throws Exception {
        ExternalTool.Result r = psql("-c", command);
        assertEquals(0, r.exitCode(), r.output());
        return r.output().lines().map(String::stripTrailing).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void describeTableIndexAndSequenceAsPostgresDoes() throws Exception {
        assertEquals("""
                                     Table "public.accounts"
                 Column  |         Type          | Collation | Nullable | Default
                ---------+-----------------------+-----------+----------+---------
                 id      | bigint                |           | not null |
                 owner   | character varying(40) |           | not null |
                 balance | numeric(12,2)         |           |          | 0
                Indexes:
                    "accounts_pkey" PRIMARY KEY, btree (id)
                    "accounts_owner" UNIQUE, btree (owner)

                """, printed("\\d accounts"));
        assertEquals("""
                           Index "public.accounts_owner"
                 Column |         Type          | Key? | Definition
                --------+-----------------------+------+------------
                 owner  | character varying(40) | yes  | owner
                unique, btree, for table "public.accounts"

                """, printed("\\d accounts_owner"));
        assertEquals("""
                                         Sequence "public.ticket_seq"
                  Type  | Start | Minimum |       Maximum       | Increment | Cycles? | Cache
                --------+-------+---------+---------------------+-----------+---------+-------
                 bigint |     1 |       1 | 9223372036854775807 |         1 | no      |     1

                """, printed("\\d ticket_seq"));
    }

    @Test
    void listRelationsSchemasSequencesAndFunctionsAsPostgresDoes() throws Exception {
        assertEquals("""
                            List of relations
                 Schema |    Name    |   Type   |  Owner
                --------+------------+----------+---------
                 public | accounts   | table    | tableos
                 public | ticket_seq | sequence | tableos
                (2 rows)

                """, printed("\\d"));
        assertEquals("""
                                  List of relations
                 Schema |      Name      | Type  |  Owner  |  Table
                --------+----------------+-------+---------+----------
                 public | accounts_owner | index | tableos | accounts
                 public | accounts_pkey  | index | tableos | accounts
                (2 rows)

                """, printed("\\di"));
        assertEquals("""
                            List of relations
                 Schema |    Name    |   Type   |  Owner
                --------+------------+----------+---------
                 public | ticket_seq | sequence | tableos
                (1 row)

                """, printed("\\ds"));
        assertEquals("""
                      List of schemas
                  Name  |       Owner
                --------+-------------------
                 public | pg_database_owner
                 sys    | tableos
                (2 rows)

                """, printed("\\dn"), "PostgreSQL's \\dn, plus TableOS's own schema sys (node views and procedures)");
        assertEquals("""
                                       List of functions
                 Schema | Name | Result data type | Argument data types | Type
                --------+------+------------------+---------------------+------
                (0 rows)

                """, printed("\\df"));
        assertEquals("Did not find any relations.\n", printed("\\dv"));
    }

    @Test
    void listRoles() throws Exception {
        String du = printed("\\du");
        assertTrue(du.contains("List of roles"), du);
        assertTrue(du.matches("(?s).* Role name \\| +Attributes +\\| Member of\n.*"), du);
        assertTrue(du.matches("(?s).*\n tableos +\\| Superuser, Create role, Create DB, Replication, Bypass RLS \\| \\{}\n.*"), du);
        assertFalse(du.contains("pg_database_owner"), "\\du hides predefined roles: " + du);
    }

    @Test
    void timing() throws Exception {
        ExternalTool.Result r = psql("-c", "\\timing on", "-c", "SELECT 1 AS one");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("Timing is on.\n"), r.output());
        assertTrue(r.output().matches("(?s).* one \n-----\n   1\n\\(1 row\\)\n\nTime: \\d+\\.\\d{3} ms\n"), r.output());
    }
}
