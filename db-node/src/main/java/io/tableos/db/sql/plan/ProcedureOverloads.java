package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.ProcedureParameter;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;

/**
 * Picks one of a procedure name's overloads for a call, as PostgreSQL's function resolution
 * does in the cases overloads here differ in: the number of arguments, array or not, and the
 * type family of a positional argument (number, text/json, time). An argument of unknown type
 * (a bare literal or an untyped parameter) fits any; the overload with the most exact type
 * matches wins, ties go to the first registered. With one overload nothing is compiled.
 */
final class ProcedureOverloads {
    private ProcedureOverloads() {}

    /** The chosen overload, or null when the name has none; {@code compile} is used only when there are several. */
    static ProcedureRegistry.Procedure resolve(ProcedureRegistry registry, String qualifiedName, List<Expression> given,
                                              Function<Expression, Expr> compile) {
        List<ProcedureRegistry.Procedure> overloads = registry == null ? List.of() : registry.overloads(qualifiedName);
        if (overloads.size() <= 1) return overloads.isEmpty() ? null : overloads.get(0);
        List<DataType> positional = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (Expression x : given) {
            if (x instanceof OracleNamedFunctionParameter n) named.add(Names.ident(n.getName()));
            else positional.add(compile.apply(x).type());
        }
        ProcedureRegistry.Procedure best = null;
        int bestScore = -1;
        for (ProcedureRegistry.Procedure p : overloads) {
            int score = score(p.parameters(), positional, named);
            if (score > bestScore) {
                best = p;
                bestScore = score;
            }
        }
        return best == null || bestScore < 0 ? overloads.get(0) : best;  // none fits: the first reports the mismatch
    }

    /** -1 when the call cannot bind to {@code parameters}; otherwise the number of exact type matches. */
    private static int score(List<ProcedureParameter> parameters, List<DataType> positional, List<String> named) {
        if (positional.size() > parameters.size()) return -1;
        int score = 0;
        for (int i = 0; i < positional.size(); i++) {
            int fit = fit(parameters.get(i).type(), positional.get(i));
            if (fit < 0) return -1;
            score += fit;
        }
        for (int i = positional.size(); i < parameters.size(); i++) {
            ProcedureParameter p = parameters.get(i);
            if (!p.hasDefault() && !named.contains(p.name())) return -1;
        }
        for (String name : named) {
            if (parameters.stream().noneMatch(p -> p.name().equals(name))) return -1;
        }
        return score;
    }

    /** -1: does not fit; 0: fits by conversion or unknown type; 1: the same type. */
    private static int fit(DataType parameter, DataType argument) {
        if (argument.type() == SqlType.UNKNOWN) return 0;
        boolean parameterArray = parameter.type() == SqlType.ARRAY;
        if (parameterArray != (argument.type() == SqlType.ARRAY)) return -1;
        SqlType p = parameterArray ? parameter.element() : parameter.type();
        SqlType a = parameterArray ? argument.element() : argument.type();
        if (a == null || a == SqlType.UNKNOWN) return 0;
        if (p == a) return 1;
        return family(p) == family(a) ? 0 : -1;
    }

    private static int family(SqlType t) {
        if (t.isNumeric()) return 1;
        if (t.isText() || t == SqlType.JSON || t == SqlType.JSONB) return 2;
        if (t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMPTZ || t == SqlType.DATE) return 3;
        return 4 + t.ordinal();
    }
}
