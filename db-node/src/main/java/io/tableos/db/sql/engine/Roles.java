package io.tableos.db.sql.engine;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Locale;
import java.util.Set;

/**
 * A node has one role: the user it authenticates, who owns every object. So GRANT, REVOKE and
 * ALTER ... OWNER TO change nothing, and are accepted when they name only that role or
 * PUBLIC (42704 for any other, which does not exist). CREATE EXTENSION is accepted for the
 * extensions whose functions are built in.
 */
final class Roles {
    private Roles() {}

    /** Extensions whose SQL surface (what migrations create them for) is built in: uuid_generate_v4, gen_random_uuid. */
    static final Set<String> BUILT_IN_EXTENSIONS = Set.of("plpgsql", "pgcrypto", "uuid-ossp");

    private static final Set<String> SELF = Set.of("current_user", "session_user", "current_role");

    /** Fails with 42704 unless {@code role} is this node's user, PUBLIC, or CURRENT_USER and its synonyms. */
    static void require(SqlSessionImpl session, String role) {
        String r = role.toLowerCase(Locale.ROOT);
        if (role.equals(session.userName) || r.equals("public") || SELF.contains(r)) return;
        throw new DbException(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
    }

    static StatementResult createExtension(UtilityStatement.CreateExtension x) {
        if (!BUILT_IN_EXTENSIONS.contains(x.name())) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + x.name() + "\" is not available", null,
                    "Built in: " + String.join(", ", new java.util.TreeSet<>(BUILT_IN_EXTENSIONS)) + ".", 0, null);
        }
        return new Results.Command("CREATE EXTENSION", x.ifNotExists() ? "extension \"" + x.name() + "\" already exists, skipping" : null);
    }
}
