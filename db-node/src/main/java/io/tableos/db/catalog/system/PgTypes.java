package io.tableos.db.catalog.system;

import io.tableos.db.types.SqlType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pg_type rows TableOS serves: every {@link SqlType}, its array type, and the few
 * internal types the catalogs themselves use ("char", int2vector, oidvector, regtype,
 * pseudo-types). Values copied from PostgreSQL 15 so drivers that cache type facts
 * (pgJDBC's TypeInfoCache) see what they expect.
 */
public final class PgTypes {
    /** One pg_type row; regproc columns hold the function's name. */
    public record PgType(long oid, String name, short length, boolean byValue, String type, String category,
                         boolean preferred, long element, long array, String input, String output, String receive,
                         String send, String align, String storage, long collation) {
        public boolean isArray() {
            return element != 0 && name.startsWith("_");
        }
    }

    // oid typname typlen typbyval typtype typcategory typispreferred typelem typarray typinput typoutput
    // typreceive typsend typalign typstorage typcollation  (from pg_type of PostgreSQL 15.18)
    private static final String[] ROWS = {
            "16 bool 1 t b B t 0 1000 boolin boolout boolrecv boolsend c p 0",
            "17 bytea -1 f b U f 0 1001 byteain byteaout bytearecv byteasend i x 0",
            "18 char 1 t b Z f 0 1002 charin charout charrecv charsend c p 0",
            "19 name 64 f b S f 18 1003 namein nameout namerecv namesend c p 950",
            "20 int8 8 t b N f 0 1016 int8in int8out int8recv int8send d p 0",
            "21 int2 2 t b N f 0 1005 int2in int2out int2recv int2send s p 0",
            "22 int2vector -1 f b A f 21 1006 int2vectorin int2vectorout int2vectorrecv int2vectorsend i p 0",
            "23 int4 4 t b N f 0 1007 int4in int4out int4recv int4send i p 0",
            "24 regproc 4 t b N f 0 1008 regprocin regprocout regprocrecv regprocsend i p 0",
            "25 text -1 f b S t 0 1009 textin textout textrecv textsend i x 100",
            "26 oid 4 t b N t 0 1028 oidin oidout oidrecv oidsend i p 0",
            "30 oidvector -1 f b A f 26 1013 oidvectorin oidvectorout oidvectorrecv oidvectorsend i p 0",
            "114 json -1 f b U f 0 199 json_in json_out json_recv json_send i x 0",
            "199 _json -1 f b A f 114 0 array_in array_out array_recv array_send i x 0",
            "700 float4 4 t b N f 0 1021 float4in float4out float4recv float4send i p 0",
            "701 float8 8 t b N t 0 1022 float8in float8out float8recv float8send d p 0",
            "705 unknown -2 f p X f 0 0 unknownin unknownout unknownrecv unknownsend c p 0",
            "1000 _bool -1 f b A f 16 0 array_in array_out array_recv array_send i x 0",
            "1001 _bytea -1 f b A f 17 0 array_in array_out array_recv array_send i x 0",
            "1002 _char -1 f b A f 18 0 array_in array_out array_recv array_send i x 0",
            "1003 _name -1 f b A f 19 0 array_in array_out array_recv array_send i x 950",
            "1005 _int2 -1 f b A f 21 0 array_in array_out array_recv array_send i x 0",
            "1006 _int2vector -1 f b A f 22 0 array_in array_out array_recv array_send i x 0",
            "1007 _int4 -1 f b A f 23 0 array_in array_out array_recv array_send i x 0",
            "1008 _regproc -1 f b A f 24 0 array_in array_out array_recv array_send i x 0",
            "1009 _text -1 f b A f 25 0 array_in array_out array_recv array_send i x 100",
            "1013 _oidvector -1 f b A f 30 0 array_in array_out array_recv array_send i x 0",
            "1014 _bpchar -1 f b A f 1042 0 array_in array_out array_recv array_send i x 100",
            "1015 _varchar -1 f b A f 1043 0 array_in array_out array_recv array_send i x 100",
            "1016 _int8 -1 f b A f 20 0 array_in array_out array_recv array_send d x 0",
            "1021 _float4 -1 f b A f 700 0 array_in array_out array_recv array_send i x 0",
            "1022 _float8 -1 f b A f 701 0 array_in array_out array_recv array_send d x 0",
            "1028 _oid -1 f b A f 26 0 array_in array_out array_recv array_send i x 0",
            "1042 bpchar -1 f b S f 0 1014 bpcharin bpcharout bpcharrecv bpcharsend i x 100",
            "1043 varchar -1 f b S f 0 1015 varcharin varcharout varcharrecv varcharsend i x 100",
            "1082 date 4 t b D f 0 1182 date_in date_out date_recv date_send i p 0",
            "1083 time 8 t b D f 0 1183 time_in time_out time_recv time_send d p 0",
            "1114 timestamp 8 t b D f 0 1115 timestamp_in timestamp_out timestamp_recv timestamp_send d p 0",
            "1115 _timestamp -1 f b A f 1114 0 array_in array_out array_recv array_send d x 0",
            "1182 _date -1 f b A f 1082 0 array_in array_out array_recv array_send i x 0",
            "1183 _time -1 f b A f 1083 0 array_in array_out array_recv array_send d x 0",
            "1184 timestamptz 8 t b D t 0 1185 timestamptz_in timestamptz_out timestamptz_recv timestamptz_send d p 0",
            "1185 _timestamptz -1 f b A f 1184 0 array_in array_out array_recv array_send d x 0",
            "1186 interval 16 f b T t 0 1187 interval_in interval_out interval_recv interval_send d p 0",
            "1187 _interval -1 f b A f 1186 0 array_in array_out array_recv array_send d x 0",
            "1231 _numeric -1 f b A f 1700 0 array_in array_out array_recv array_send i x 0",
            "1700 numeric -1 f b N f 0 1231 numeric_in numeric_out numeric_recv numeric_send i m 0",
            "2205 regclass 4 t b N f 0 2210 regclassin regclassout regclassrecv regclasssend i p 0",
            "2206 regtype 4 t b N f 0 2211 regtypein regtypeout regtyperecv regtypesend i p 0",
            "2210 _regclass -1 f b A f 2205 0 array_in array_out array_recv array_send i x 0",
            "2211 _regtype -1 f b A f 2206 0 array_in array_out array_recv array_send i x 0",
            "2249 record -1 f p P f 0 2287 record_in record_out record_recv record_send d x 0",
            "2275 cstring -2 f p P f 0 1263 cstring_in cstring_out cstring_recv cstring_send c p 0",
            "2277 anyarray -1 f p P f 0 0 anyarray_in anyarray_out anyarray_recv anyarray_send d x 0",
            "2278 void 4 t p P f 0 0 void_in void_out void_recv void_send i p 0",
            "2287 _record -1 f p P f 2249 0 array_in array_out array_recv array_send d x 0",
            "2950 uuid 16 f b U f 0 2951 uuid_in uuid_out uuid_recv uuid_send c p 0",
            "2951 _uuid -1 f b A f 2950 0 array_in array_out array_recv array_send i x 0",
            "3802 jsonb -1 f b U f 0 3807 jsonb_in jsonb_out jsonb_recv jsonb_send i x 0",
            "3807 _jsonb -1 f b A f 3802 0 array_in array_out array_recv array_send i x 0",
    };

    private static final List<PgType> ALL;
    private static final Map<Long, PgType> BY_OID = new HashMap<>();
    private static final Map<String, PgType> BY_NAME = new HashMap<>();

    static {
        List<PgType> all = new ArrayList<>();
        for (String row : ROWS) {
            String[] f = row.split(" ");
            PgType type = new PgType(Long.parseLong(f[0]), f[1], Short.parseShort(f[2]), f[3].equals("t"), f[4], f[5],
                    f[6].equals("t"), Long.parseLong(f[7]), Long.parseLong(f[8]), f[9], f[10], f[11], f[12], f[13], f[14],
                    Long.parseLong(f[15]));
            all.add(type);
            BY_OID.put(type.oid(), type);
            BY_NAME.put(type.name(), type);
        }
        ALL = Collections.unmodifiableList(all);
        assert everySqlTypeListed();
    }

    private PgTypes() {}

    public static List<PgType> all() {
        return ALL;
    }

    /** The type with this OID, or null. */
    public static PgType byOid(long oid) {
        return BY_OID.get(oid);
    }

    /** The type with this pg_type.typname (e.g. int4, _text), or null. */
    public static PgType byName(String typname) {
        return BY_NAME.get(typname);
    }

    /**
     * The name format_type prints without modifiers: SQL-standard names for TableOS types
     * (integer, character varying), typname for internal ones, "[]" after an array's element.
     */
    public static String displayName(long oid) {
        PgType type = BY_OID.get(oid);
        if (type == null) return null;
        if (type.isArray()) {
            String element = displayName(type.element());
            return element == null ? null : element + "[]";
        }
        SqlType sqlType = oid <= Integer.MAX_VALUE ? SqlType.byOid((int) oid) : null;
        if (sqlType != null) return sqlType.sqlName();
        return type.name().equals("char") ? "\"char\"" : type.name();
    }

    private static boolean everySqlTypeListed() {
        for (SqlType type : SqlType.values()) {
            if (type == SqlType.ARRAY) continue;
            if (!BY_OID.containsKey((long) type.oid())) throw new AssertionError("pg_type lacks " + type);
            if (type.arrayOid() != 0 && !BY_OID.containsKey((long) type.arrayOid())) throw new AssertionError("pg_type lacks " + type + "[]");
        }
        return true;
    }
}
