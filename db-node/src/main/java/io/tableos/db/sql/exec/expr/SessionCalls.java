package io.tableos.db.sql.exec.expr;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** Functions that act on the session or the transaction: pg_notify, current_setting, set_config. */
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

    /** set_config(name, value, is_local): SET (or SET LOCAL) from a query; returns the value now in effect. */
    public record SetConfig(Expr name, Expr value, Expr isLocal) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object n = name.eval(row, ctx);
            if (n == null) throw new DbException("22004", "SET requires parameter name");
            Object v = value.eval(row, ctx);
            if (ctx.session() == null) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "set_config needs a client session");
            return ctx.session().setSetting(n.toString().toLowerCase(), v == null ? null : v.toString(), Exprs.isTrue(isLocal.eval(row, ctx)));
        }
        public DataType type() { return DataType.TEXT; }
    }
}
