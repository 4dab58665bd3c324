package io.tableos.db.wire.pgwire.codec;

import io.tableos.db.types.DataType;
import io.tableos.db.types.TextFormat;

/**
 * Text format of values on the wire. Text parameters are passed to the engine as Strings
 * (it converts them to the parameter's type), so only results are formatted here.
 */
public final class TextValues {
    private TextValues() {}

    public static String format(Object value, DataType type) {
        return TextFormat.format(value, type);
    }
}
