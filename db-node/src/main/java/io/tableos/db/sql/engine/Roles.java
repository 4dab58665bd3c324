package io.tableos.db.sql.engine;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Locale;
import java.util.Set;

/**
 * A node has one role: the user it authenticates, who owns every object. So GRANT, REVOKE and
 * ALTER ... OWNER TO change nothing, and are accepted when they name only that role or
 * PUBLIC (42704 for any other, which does not exist).
 */
final class Roles {
    private Roles() {}

    private static final Set<String> SELF = Set.of("current_user", "session_user", "current_role");

    /** Fails with 42704 unless {@code role} is this node's user, PUBLIC, or CURRENT_USER and its synonyms. */
    static void require(SqlSessionImpl session, String role) {
        String r = role.toLowerCase(Locale.ROOT);
        if (role.equals(session.userName) || r.equals("public") || SELF.contains(r)) return;
        throw new DbException(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
    }
}
