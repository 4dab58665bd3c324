package io.tableos.db.sql.plan;

import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.parse.VariadicArguments;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;

/**
 * Chooses which CREATE FUNCTION / PROCEDURE overload a call binds to, by PostgreSQL 15's function
 * resolution (its documented "Type Conversion: Functions" rules) over the types this engine has:
 * <ol>
 *   <li>an argument written {@code VARIADIC array} goes whole to a VARIADIC parameter; other arguments of
 *       a VARIADIC parameter are gathered into one ARRAY[...];</li>
 *   <li>a parameter placeholder the client typed {@code void} is no argument (pgJDBC's marker for an
 *       OUT parameter of {@code {call f(?, ?)}}, which PostgreSQL drops the same way);</li>
 *   <li>candidates: overloads whose parameters take the arguments (positional, then {@code name => value},
 *       defaults for the rest; a VARIADIC parameter takes the trailing positional arguments);</li>
 *   <li>one whose parameter types equal the argument types wins; else those every argument converts to
 *       implicitly ({@link TypeCategories}; an unknown-typed literal or parameter converts to anything);
 *       among several: the most exact matches, then the most preferred types where a conversion is
 *       needed, then for unknown-typed arguments the string category if any candidate takes it there,
 *       else the category all take there.</li>
 * </ol>
 * No candidate: 42883 with PostgreSQL's hint; more than one left: 42725. The arguments are compiled
 * here only for their types; the binding compiles them again.
 */
final class RoutineResolution {
    private RoutineResolution() {}

    /** The routine and the arguments it gets: VOID placeholders dropped, a VARIADIC parameter's arguments as one ARRAY[...]. */
    record Resolved(FunctionDef routine, List<Expression> arguments) {}

    /** A candidate: the parameter type each argument goes to (a VARIADIC array's element type for the gathered ones). */
    private record Candidate(FunctionDef routine, DataType[] targets, boolean[] outputs, int variadicFrom) {}

    /** @param kind "function" or "procedure", for the messages; null when no routine has the name */
    static Resolved resolve(PlanContext pc, ExprCompiler compiler, String schema, String name, Function f, String kind) {
        List<FunctionDef> overloads = pc.catalog.routines().functions(schema == null ? "public" : schema, name);
        if (overloads.isEmpty()) return null;
        List<Expression> given = new ArrayList<>();
        if (f.getParameters() != null) given.addAll(f.getParameters());
        if (kind.equals("function")) given = withoutVoidPlaceholders(pc, given);  // a CALL passes a procedure's OUT arguments too
        List<String> names = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        int positional = 0;
        boolean wholeArray = false;  // the last argument was written VARIADIC array
        for (Expression x : given) {
            if (wholeArray) throw new DbException(SqlState.SYNTAX_ERROR, "VARIADIC argument must be the last argument");
            Expression marked = variadicArray(x);
            if (marked != null) {
                wholeArray = true;
                positional++;
                types.add(compiler.compile(marked).type());
            } else if (x instanceof OracleNamedFunctionParameter n) {
                names.add(Names.ident(n.getName()));
                types.add(compiler.compile(n.getExpression()).type());
            } else {
                if (!names.isEmpty()) throw new DbException(SqlState.SYNTAX_ERROR, "positional argument cannot follow named argument");
                positional++;
                types.add(compiler.compile(x).type());
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (FunctionDef overload : overloads) {
            Candidate c = candidate(overload, positional, names, wholeArray, kind.equals("procedure"));
            if (c != null) candidates.add(c);
        }
        Candidate chosen = choose(candidates, types);
        if (chosen == null) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, kind + " " + display(name, types, positional, names) + " does not exist", null,
                    "No " + kind + " matches the given name and argument types. You might need to add explicit type casts.", 0, null);
        }
        if (wholeArray) given.set(given.size() - 1, variadicArray(given.get(given.size() - 1)));
        for (int i = 0; i < given.size(); i++) {
            if (types.get(i).type() == SqlType.VOID && chosen.outputs()[i]) given.set(i, replaceValue(given.get(i), new NullValue()));
        }
        return new Resolved(chosen.routine(), gatherVariadic(given, chosen.variadicFrom()));
    }

    /**
     * The parameters a call gives arguments for: the inputs, and in a CALL ({@code call}) of a procedure its OUT parameters
     * too (PostgreSQL 14+: a CALL passes them, customarily NULL), in declared order.
     */
    static List<FunctionDef.Parameter> callParameters(FunctionDef routine, boolean call) {
        return call && routine.isProcedure() ? routine.declaredParameters() : routine.parameters();
    }

    private static Expression replaceValue(Expression argument, Expression value) {
        if (argument instanceof OracleNamedFunctionParameter n) return new OracleNamedFunctionParameter(n.getName(), value);
        return value;
    }

    /** The array of a {@code VARIADIC array} argument (which the front end marks, sql.parse.VariadicArguments), else null. */
    private static Expression variadicArray(Expression x) {
        if (!(x instanceof Function f) || f.getParameters() == null || f.getParameters().size() != 1) return null;
        List<String> parts = f.getMultipartName();
        return parts.size() == 1 && Names.ident(parts.get(0)).equals(VariadicArguments.MARKER) ? (Expression) f.getParameters().get(0) : null;
    }

    private static List<Expression> withoutVoidPlaceholders(PlanContext pc, List<Expression> arguments) {
        List<Expression> out = new ArrayList<>(arguments.size());
        for (Expression x : arguments) {
            boolean placeholder = x instanceof JdbcParameter p && !pc.params.isUnknown(p.getIndex() - 1)
                    && pc.params.get(p.getIndex() - 1).type() == SqlType.VOID;
            if (!placeholder) out.add(x);
        }
        return out;
    }

    /**
     * Whether {@code routine} takes these arguments, and the parameter type each goes to; null when it does not.
     * {@code wholeArray}: the last positional argument was written {@code VARIADIC array} and goes to the VARIADIC parameter as is;
     * {@code call}: a CALL, where a procedure's OUT parameters take arguments too.
     */
    private static Candidate candidate(FunctionDef routine, int positional, List<String> names, boolean wholeArray, boolean call) {
        List<FunctionDef.Parameter> parameters = callParameters(routine, call);
        int fixed = routine.isVariadic() ? parameters.size() - 1 : parameters.size();
        if (wholeArray && (!routine.isVariadic() || positional - 1 != fixed)) return null;
        DataType[] targets = new DataType[positional + names.size()];
        boolean[] bound = new boolean[parameters.size()];
        int variadicFrom = -1;
        for (int i = 0; i < positional; i++) {
            if (i < fixed || wholeArray) {
                targets[i] = type(parameters.get(i));
                bound[i] = true;
            } else if (routine.isVariadic()) {
                targets[i] = DataType.of(type(parameters.get(fixed)).element());
                bound[fixed] = true;
                if (variadicFrom < 0) variadicFrom = i;
            } else {
                return null;
            }
        }
        for (int i = 0; i < names.size(); i++) {
            int at = -1;
            for (int k = 0; k < parameters.size(); k++) if (parameters.get(k).name().equals(names.get(i))) at = k;
            if (at < 0 || bound[at] || parameters.get(at).mode().equals(FunctionDef.VARIADIC)) return null;  // VARIADIC takes no name => value
            targets[positional + i] = type(parameters.get(at));
            bound[at] = true;
        }
        for (int k = 0; k < parameters.size(); k++) if (!bound[k] && parameters.get(k).defaultSql() == null) return null;
        boolean[] outputs = new boolean[targets.length];
        for (int i = 0; i < positional && i < parameters.size(); i++) outputs[i] = parameters.get(i).mode().equals(FunctionDef.OUT);
        for (int i = 0; i < names.size(); i++) {
            for (FunctionDef.Parameter p : parameters) outputs[positional + i] |= p.name().equals(names.get(i)) && p.mode().equals(FunctionDef.OUT);
        }
        return new Candidate(routine, targets, outputs, variadicFrom);
    }

    /** The candidate PostgreSQL's rules pick for arguments of {@code types}; null when none fits; 42725 when several tie. */
    private static Candidate choose(List<Candidate> candidates, List<DataType> types) {
        List<Candidate> exact = new ArrayList<>();
        List<Candidate> fitting = new ArrayList<>();
        for (Candidate c : candidates) {
            boolean allExact = true, allFit = true;
            for (int i = 0; i < types.size(); i++) {
                allExact &= types.get(i).type() != SqlType.UNKNOWN && TypeCategories.same(types.get(i), c.targets()[i]);
                // pgJDBC's void placeholder of a CALL fits an OUT parameter (PostgreSQL never evaluates those arguments)
                allFit &= types.get(i).type() == SqlType.VOID ? c.outputs()[i] : TypeCategories.implicitlyConverts(types.get(i), c.targets()[i]);
            }
            if (allExact) exact.add(c);
            if (allFit) fitting.add(c);
        }
        if (exact.size() == 1) return exact.get(0);
        if (exact.size() > 1) throw ambiguous(exact.get(0), types);
        if (fitting.size() <= 1) return fitting.isEmpty() ? null : fitting.get(0);
        List<Candidate> left = best(fitting, c -> count(c, types, true));
        if (left.size() > 1) left = best(left, c -> count(c, types, false));
        for (int i = 0; i < types.size() && left.size() > 1; i++) {
            if (types.get(i).type() == SqlType.UNKNOWN) left = byCategoryAt(left, i);
        }
        if (left.size() != 1) throw ambiguous(fitting.get(0), types);
        return left.get(0);
    }

    /**
     * {@code exact}: how many known-typed arguments have exactly their parameter's type; else how many needing a conversion
     * go to the preferred type of their own category.
     */
    private static int count(Candidate c, List<DataType> types, boolean exact) {
        int n = 0;
        for (int i = 0; i < types.size(); i++) {
            DataType argument = types.get(i), target = c.targets()[i];
            if (argument.type() == SqlType.UNKNOWN) continue;
            boolean same = TypeCategories.same(argument, target);
            if (exact ? same : !same && TypeCategories.category(argument) == TypeCategories.category(target) && TypeCategories.preferred(target)) n++;
        }
        return n;
    }

    private static List<Candidate> best(List<Candidate> candidates, java.util.function.ToIntFunction<Candidate> score) {
        int max = Integer.MIN_VALUE;
        for (Candidate c : candidates) max = Math.max(max, score.applyAsInt(c));
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : candidates) if (score.applyAsInt(c) == max) out.add(c);
        return out;
    }

    /**
     * At an unknown-typed argument: the string category when a candidate takes one there, else the one category all take
     * (none: every candidate stays, and the tie is reported); within it a candidate taking the preferred type beats the rest.
     */
    private static List<Candidate> byCategoryAt(List<Candidate> candidates, int i) {
        char chosen = 0;
        boolean mixed = false;
        for (Candidate c : candidates) {
            char category = TypeCategories.category(c.targets()[i]);
            if (category == 'S') {
                chosen = 'S';
                mixed = false;
                break;
            }
            if (chosen == 0) chosen = category;
            else if (chosen != category) mixed = true;
        }
        if (mixed) return candidates;
        List<Candidate> inCategory = new ArrayList<>();
        boolean anyPreferred = false;
        for (Candidate c : candidates) {
            if (TypeCategories.category(c.targets()[i]) != chosen) continue;
            inCategory.add(c);
            anyPreferred |= TypeCategories.preferred(c.targets()[i]);
        }
        if (!anyPreferred) return inCategory;
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : inCategory) if (TypeCategories.preferred(c.targets()[i])) out.add(c);
        return out;
    }

    private static DbException ambiguous(Candidate any, List<DataType> types) {
        FunctionDef f = any.routine();
        String kind = f.isProcedure() ? "procedure" : "function";
        List<String> shown = new ArrayList<>();
        for (DataType t : types) shown.add(TypeCategories.displayName(t));
        return new DbException(SqlState.AMBIGUOUS_FUNCTION, kind + " " + f.name() + "(" + String.join(", ", shown) + ") is not unique", null,
                "Could not choose a best candidate " + kind + ". You might need to add explicit type casts.", 0, null);
    }

    /** {@code name(type, name => type)} as PostgreSQL's "does not exist" message shows a call. */
    private static String display(String name, List<DataType> types, int positional, List<String> names) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            String type = TypeCategories.displayName(types.get(i));
            shown.add(i < positional ? type : names.get(i - positional) + " => " + type);
        }
        return name + "(" + String.join(", ", shown) + ")";
    }

    /** The arguments with those from {@code from} on gathered into ARRAY[...] for a VARIADIC parameter ({@code from} < 0: none). */
    private static List<Expression> gatherVariadic(List<Expression> given, int from) {
        if (from < 0) return given;
        List<Expression> out = new ArrayList<>(given.subList(0, from));
        List<Expression> elements = new ArrayList<>();
        int end = from;
        while (end < given.size() && !(given.get(end) instanceof OracleNamedFunctionParameter)) elements.add(given.get(end++));
        out.add(new ArrayConstructor(new ExpressionList<>(elements), true));
        out.addAll(given.subList(end, given.size()));
        return out;
    }

    private static DataType type(FunctionDef.Parameter p) {
        return Casts.parseTypeName(FunctionDef.normalizeType(p.type()));
    }
}
