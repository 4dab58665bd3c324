/**
 * PostgreSQL's text representation of values, one class per family of types (floats,
 * date/time, intervals, arrays, bytea). {@link io.tableos.db.types.TextFormat} is the single
 * entry point; these classes hold the details so that each stays small. Session settings
 * are fixed for now: TimeZone UTC, DateStyle ISO, IntervalStyle postgres, extra_float_digits 1.
 */
package io.tableos.db.types.text;
