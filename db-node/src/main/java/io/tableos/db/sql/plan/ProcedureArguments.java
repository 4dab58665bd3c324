package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.ProcedureParameter;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;

/**
 * Matches a procedure call's arguments to the declared parameters as PostgreSQL does:
 * positional arguments first, then {@code name => value} ones in any order; parameters left
 * out take their defaults. Errors are PostgreSQL's 42883 (no such function signature).
 */
final class ProcedureArguments {
    private ProcedureArguments() {}

    /** One compiled argument per declared parameter, in declaration order (not yet coerced to its type). */
    static List<Expr> bind(ProcedureRegistry.Procedure proc, List<Expression> given, Function<Expression, Expr> compile) {
        List<ProcedureParameter> parameters = proc.parameters();
        Expr[] bound = new Expr[parameters.size()];
        int position = 0;
        boolean named = false;
        for (Expression x : given) {
            if (x instanceof OracleNamedFunctionParameter n) {
                named = true;
                int index = indexOf(parameters, n.getName());
                if (index < 0) throw mismatch(proc, "it has no parameter named " + n.getName());
                if (bound[index] != null) throw mismatch(proc, "parameter " + n.getName() + " is given more than once");
                bound[index] = compile.apply(n.getExpression());
            } else {
                if (named) throw new DbException(SqlState.SYNTAX_ERROR, "positional argument cannot follow named argument");
                if (position >= bound.length) throw mismatch(proc, "it takes at most " + bound.length + " arguments");
                bound[position++] = compile.apply(x);
            }
        }
        List<Expr> out = new ArrayList<>(bound.length);
        for (int i = 0; i < bound.length; i++) {
            ProcedureParameter p = parameters.get(i);
            if (bound[i] != null) out.add(bound[i]);
            else if (p.hasDefault()) out.add(p.defaultValue() instanceof Expr compiled ? compiled : Exprs.literal(p.defaultValue(), p.type()));
            else throw mismatch(proc, "argument " + p.name() + " is missing");
        }
        return out;
    }

    private static int indexOf(List<ProcedureParameter> parameters, String name) {
        String wanted = Names.ident(name);
        for (int i = 0; i < parameters.size(); i++) if (parameters.get(i).name().equals(wanted)) return i;
        return -1;
    }

    private static DbException mismatch(ProcedureRegistry.Procedure proc, String why) {
        StringBuilder signature = new StringBuilder(proc.qualifiedName()).append('(');
        for (int i = 0; i < proc.parameters().size(); i++) {
            ProcedureParameter p = proc.parameters().get(i);
            if (i > 0) signature.append(", ");
            signature.append(p.name()).append(' ').append(p.type());
            if (p.hasDefault()) signature.append(" DEFAULT ").append(p.defaultValue() == null ? "NULL" : p.defaultValue());
        }
        return new DbException(SqlState.UNDEFINED_FUNCTION, "function " + proc.qualifiedName() + " cannot be called so: " + why,
                null, "its signature is " + signature.append(')'), 0, null);
    }
}
