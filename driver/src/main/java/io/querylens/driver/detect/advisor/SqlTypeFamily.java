package io.querylens.driver.detect.advisor;

import java.util.Locale;

/**
 * Coarse families of SQL types, to compare what an ORM would create ({@code varchar(255)}, {@code int8},
 * {@code timestamp(6) with time zone}) with what {@code information_schema.COLUMNS.DATA_TYPE} says
 * ({@code character varying}, {@code bigint}). Only differences that change behaviour count: a 32-bit column for a
 * 64-bit attribute overflows, text in a numeric column fails; length and precision differences are left alone.
 * Unknown types (enums, arrays, vendor types) are never reported.
 */
enum SqlTypeFamily {
    INTEGER, BIGINT, DECIMAL, FLOAT, TEXT, BOOLEAN, TIMESTAMP, DATE, TIME, BINARY, UUID, JSON;

    /** The family of a type name or DDL type, or null when unknown. */
    static SqlTypeFamily of(String type) {
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT).trim();
        int paren = t.indexOf('(');
        String base = (paren >= 0 ? t.substring(0, paren) : t).trim();
        if (base.startsWith("timestamp") || base.equals("datetime")) {
            return TIMESTAMP;
        }
        if (base.startsWith("time")) {
            return TIME;
        }
        return switch (base) {
            case "smallint", "int2", "int", "integer", "int4", "mediumint", "serial", "smallserial" -> INTEGER;
            case "bigint", "int8", "bigserial" -> BIGINT;
            case "numeric", "decimal", "number" -> DECIMAL;
            case "real", "float", "float4", "float8", "double", "double precision" -> FLOAT;
            case "varchar", "character varying", "char", "character", "bpchar", "text", "nvarchar", "nchar",
                 "tinytext", "mediumtext", "longtext", "clob" -> TEXT;
            case "boolean", "bool", "bit" -> BOOLEAN;
            case "date" -> DATE;
            case "bytea", "blob", "tinyblob", "mediumblob", "longblob", "binary", "varbinary" -> BINARY;
            case "uuid" -> UUID;
            case "json", "jsonb" -> JSON;
            default -> null;
        };
    }

    /**
     * True when a column of type {@code actual} can hold the attribute the ORM maps to {@code expected} as it expects.
     * MySQL's {@code tinyint} (booleans as {@code tinyint(1)}) is accepted for integers and booleans alike.
     */
    static boolean compatible(String expected, String actual) {
        String actualBase = actual == null ? "" : actual.toLowerCase(Locale.ROOT).trim();
        SqlTypeFamily want = of(expected);
        if (actualBase.startsWith("tinyint")) {
            return want == null || want == BOOLEAN || want == INTEGER;
        }
        SqlTypeFamily have = of(actual);
        return want == null || have == null || want == have;
    }
}
