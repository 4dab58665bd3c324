package io.tableos.db.sql.plan;

import io.tableos.db.sql.func.Casts;
import io.tableos.db.types.DataType;
import net.sf.jsqlparser.statement.create.table.ColDataType;

/** Turns JSqlParser's type syntax into our DataType. */
public final class TypeNames {
    private TypeNames() {}

    public static String text(ColDataType t) {
        String base = t.getDataType().trim().replaceAll("\\s+", " ").replace(" (", "(").replace(", ", ",");
        if (base.startsWith("\"") && base.endsWith("\"")) base = base.substring(1, base.length() - 1);
        if (t.getArgumentsStringList() != null && !t.getArgumentsStringList().isEmpty() && !base.contains("(")) base = base + "(" + String.join(",", t.getArgumentsStringList()) + ")";
        boolean array = t.getArrayData() != null && !t.getArrayData().isEmpty();
        return array && !base.endsWith("[]") ? base + "[]" : base;
    }

    public static DataType of(ColDataType t) {
        return Casts.parseTypeName(text(t));
    }

    public static boolean isSerial(String typeText) {
        String s = typeText.toLowerCase();
        return s.equals("serial") || s.equals("bigserial") || s.equals("smallserial") || s.equals("serial4") || s.equals("serial8") || s.equals("serial2");
    }
}
