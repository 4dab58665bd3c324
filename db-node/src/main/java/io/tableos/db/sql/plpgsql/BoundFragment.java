package io.tableos.db.sql.plpgsql;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlRow;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Fragment} with the frame's current values: the SQL to run, its parameters and their type
 * OIDs. A whole record variable is one parameter of type record (a {@link SqlRow}; NULL for the null
 * row a trigger's OLD is in an INSERT, and for a record not assigned yet), so {@code NEW IS DISTINCT FROM OLD}, {@code NEW = OLD} and
 * {@code OLD IS NULL} mean what they mean in PostgreSQL. A field list {@code rec.*} becomes one
 * parameter per field (the record's width is known only now); the SQL text then differs from call
 * to call only when the record's shape does, which the plan cache keys on.
 */
record BoundFragment(String sql, int[] parameterOids, Object[] parameters) {

    static BoundFragment bind(Fragment f, List<Variable> variables, Object[] values) {
        List<Fragment.Ref> refs = f.refs();
        List<Object> parameters = new ArrayList<>(refs.size());
        List<Integer> oids = new ArrayList<>(refs.size());
        Map<Integer, List<Integer>> fieldLists = new HashMap<>();  // ref -> parameter numbers of its fields
        for (int k = 0; k < refs.size(); k++) {
            parameters.add(null);
            oids.add(0);
        }
        for (int k = 0; k < refs.size(); k++) {
            Fragment.Ref ref = refs.get(k);
            if (ref.slot() < 0) throw Substitution.noParameter(-ref.slot());
            Variable v = variables.get(ref.slot());
            DataType type;
            Object value;
            if (ref.field() == null && !v.isRecord()) {
                value = values[ref.slot()];
                type = v.type();
            } else if (ref.field() == null) {
                // a record not assigned yet is NULL as a whole (r IS NULL holds), as in PostgreSQL; only its fields are an error
                value = values[ref.slot()] instanceof RecordValue r && !r.isNull() ? new SqlRow(r.values().clone(), r.types()) : null;
                type = DataType.RECORD;
            } else if (ref.field().equals(Fragment.ALL_FIELDS)) {
                RecordValue r = assigned(v, values[ref.slot()]);
                List<Integer> numbers = new ArrayList<>();
                numbers.add(k + 1);
                for (int i = 1; i < r.values().length; i++) {
                    parameters.add(r.values()[i]);
                    oids.add(r.types().get(i).oid());
                    numbers.add(parameters.size());
                }
                fieldLists.put(k, numbers);
                value = r.values().length == 0 ? null : r.values()[0];
                type = r.values().length == 0 ? null : r.types().get(0);
            } else {
                RecordValue r = assigned(v, values[ref.slot()]);
                int i = r.index(v.name(), ref.field());
                value = r.values()[i];
                type = r.types().get(i);
            }
            parameters.set(k, value);
            oids.set(k, type == null ? 0 : type.oid());
        }
        String sql = fieldLists.isEmpty() ? f.sql() : widen(f, fieldLists);
        return new BoundFragment(sql, oids.stream().mapToInt(Integer::intValue).toArray(), parameters.toArray());
    }

    /** The SQL with each {@code $n} of a field list replaced by that record's field parameters, comma-separated. */
    private static String widen(Fragment f, Map<Integer, List<Integer>> fieldLists) {
        StringBuilder sql = new StringBuilder(f.sql().length() + 16 * fieldLists.size());
        int copied = 0;
        for (Fragment.Splice s : f.splices()) {
            sql.append(f.sql(), copied, s.at());
            List<Integer> numbers = fieldLists.get(s.ref());
            for (int i = 0; i < numbers.size(); i++) sql.append(i == 0 ? "$" : ", $").append(numbers.get(i));
            copied = s.at() + 1 + Integer.toString(s.ref() + 1).length();
        }
        return sql.append(f.sql(), copied, f.sql().length()).toString();
    }

    /** The record a record variable holds; 55000 before its first assignment, as PostgreSQL. */
    static RecordValue assigned(Variable v, Object value) {
        if (!(value instanceof RecordValue r)) {
            throw new DbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "record \"" + v.name() + "\" is not assigned yet",
                    "The tuple structure of a not-yet-assigned record is indeterminate.", null, 0, null);
        }
        return r;
    }
}
