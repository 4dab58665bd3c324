package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** Functions that act on the session or the transaction: pg_notify, current_setting. */
public final class SessionCalls {
    private SessionCalls() {}

    public record Notify(Expr channel, Expr payload) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object c = channel.eval(row, ctx);
            if (c == null) throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
            Object p = payload.eval(row, ctx);
            ctx.transaction().notify(ctx.backendPid(), c.toString(), p == null ? "" : p.toString());
            return null;
        }
        public DataType type() { return DataType.of(io.tableos.db.types.SqlType.VOID); }
    }

    public record CurrentSetting(Expr name) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object n = name.eval(row, ctx);
            if (n == null) return null;
            String v = ctx.setting(n.toString().toLowerCase());
            if (v == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + n + "\"");
            return v;
        }
        public DataType type() { return DataType.TEXT; }
    }
}
