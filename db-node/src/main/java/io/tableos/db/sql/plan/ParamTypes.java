package io.tableos.db.sql.plan;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Types of the parameters $1..$n of one statement: declared by the client, or inferred
 * from where each parameter is used ({@code id = $1} takes id's type); a parameter never
 * constrained ends up as text, as PostgreSQL resolves unknown.
 */
public final class ParamTypes {
    /** PostgreSQL's limit on parameters of one statement. */
    public static final int PARAMETERS_MAX = 65535;

    private final List<DataType> types = new ArrayList<>();

    public ParamTypes(int[] declaredOids) {
        if (declaredOids != null) {
            for (int oid : declaredOids) {
                DataType t = oid == 0 ? null : DataType.byOid(oid);
                if (oid != 0 && t == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "type with OID " + oid + " does not exist");
                types.add(t);
            }
        }
    }

    public void ensure(int index) {
        if (index >= PARAMETERS_MAX) throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many parameters");
        while (types.size() <= index) types.add(null);
    }

    /** The type, or UNKNOWN while still unconstrained. */
    public DataType get(int index) {
        DataType t = index < types.size() ? types.get(index) : null;
        return t == null ? DataType.UNKNOWN : t;
    }

    public boolean isUnknown(int index) {
        return index >= types.size() || types.get(index) == null;
    }

    public void infer(int index, DataType type) {
        ensure(index);
        if (types.get(index) == null && type != null && type.type() != SqlType.UNKNOWN) {
            types.set(index, new DataType(type.type(), -1, -1, type.element()));
        }
    }

    public int count() { return types.size(); }

    /** Final types: unconstrained parameters become text. */
    public List<DataType> resolved() {
        List<DataType> out = new ArrayList<>(types.size());
        for (DataType t : types) out.add(t == null ? DataType.TEXT : t);
        return out;
    }
}
