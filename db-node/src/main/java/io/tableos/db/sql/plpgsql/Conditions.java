package io.tableos.db.sql.plpgsql;

import java.util.Map;

/**
 * PL/pgSQL's exception condition names (PostgreSQL's errcodes) for the SQLSTATEs applications
 * handle; an unknown name fails when the function is created (42704), as in PostgreSQL.
 */
final class Conditions {
    private Conditions() {}

    /** Matches any error but query_canceled and assert_failure. */
    static final String OTHERS = "others";

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("others", OTHERS),
            Map.entry("raise_exception", "P0001"), Map.entry("no_data_found", "P0002"), Map.entry("too_many_rows", "P0003"),
            Map.entry("assert_failure", "P0004"), Map.entry("case_not_found", "20000"),
            Map.entry("unique_violation", "23505"), Map.entry("foreign_key_violation", "23503"), Map.entry("not_null_violation", "23502"),
            Map.entry("check_violation", "23514"), Map.entry("integrity_constraint_violation", "23000"),
            Map.entry("exclusion_violation", "23P01"), Map.entry("restrict_violation", "23001"),
            Map.entry("data_exception", "22000"), Map.entry("division_by_zero", "22012"), Map.entry("numeric_value_out_of_range", "22003"),
            Map.entry("invalid_text_representation", "22P02"), Map.entry("string_data_right_truncation", "22001"),
            Map.entry("invalid_datetime_format", "22007"), Map.entry("datetime_field_overflow", "22008"),
            Map.entry("null_value_not_allowed", "22004"), Map.entry("invalid_parameter_value", "22023"),
            Map.entry("character_not_in_repertoire", "22021"), Map.entry("invalid_json_text", "22032"),
            Map.entry("serialization_failure", "40001"), Map.entry("deadlock_detected", "40P01"),
            Map.entry("transaction_rollback", "40000"), Map.entry("lock_not_available", "55P03"),
            Map.entry("object_not_in_prerequisite_state", "55000"), Map.entry("query_canceled", "57014"),
            Map.entry("syntax_error", "42601"), Map.entry("undefined_table", "42P01"), Map.entry("undefined_column", "42703"),
            Map.entry("undefined_function", "42883"), Map.entry("undefined_object", "42704"), Map.entry("duplicate_table", "42P07"),
            Map.entry("duplicate_object", "42710"), Map.entry("duplicate_column", "42701"), Map.entry("duplicate_schema", "42P06"),
            Map.entry("duplicate_function", "42723"), Map.entry("insufficient_privilege", "42501"),
            Map.entry("invalid_schema_name", "3F000"), Map.entry("read_only_sql_transaction", "25006"),
            Map.entry("feature_not_supported", "0A000"), Map.entry("cardinality_violation", "21000"),
            Map.entry("program_limit_exceeded", "54000"), Map.entry("internal_error", "XX000"),
            Map.entry("triggered_action_exception", "09000"), Map.entry("invalid_cursor_state", "24000"),
            Map.entry("in_failed_sql_transaction", "25P02"), Map.entry("datatype_mismatch", "42804"),
            Map.entry("wrong_object_type", "42809"), Map.entry("dependent_objects_still_exist", "2BP01"));

    /** The SQLSTATE of a condition name ({@link #OTHERS} for others), or null when it is not one. */
    static String sqlState(String name) {
        return CODES.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether a handler for {@code condition} catches an error with {@code sqlState}: exactly, by its class (XX000 names class XX), or OTHERS. */
    static boolean matches(String condition, String sqlState) {
        if (condition.equals(OTHERS)) return !sqlState.equals("57014") && !sqlState.equals("P0004");
        if (condition.equals(sqlState)) return true;
        return condition.endsWith("000") && sqlState.startsWith(condition.substring(0, 2));
    }

    /** A code given as ERRCODE = '...' : a condition name or a five-character SQLSTATE. */
    static String code(String given) {
        String named = sqlState(given);
        if (named != null && !named.equals(OTHERS)) return named;
        if (given.length() == 5 && given.chars().allMatch(c -> Character.isDigit(c) || Character.isUpperCase(c))) return given;
        throw new io.tableos.db.types.DbException(io.tableos.db.types.SqlState.UNDEFINED_OBJECT, "unrecognized exception condition \"" + given + "\"");
    }
}
