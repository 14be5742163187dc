package io.querylens.driver.sql;

/**
 * What a statement does, decided from its leading keywords after comments and whitespace. Detectors branch on this
 * once per execution, so it is computed when the shape is made, never per execution.
 */
public enum StatementKind {
    /** SELECT, WITH … SELECT, VALUES, TABLE, SHOW. */
    SELECT,
    INSERT,
    UPDATE,
    DELETE,
    /** MERGE, REPLACE, and other statements that write rows. */
    OTHER_WRITE,
    /**
     * Schema changes: CREATE, ALTER, DROP, TRUNCATE, RENAME, COMMENT ON, GRANT, REVOKE, VACUUM FULL, CLUSTER. Not
     * CREATE TEMP/TEMPORARY TABLE, which only the session sees.
     */
    DDL,
    /** CALL and {@code {call …}} escapes. */
    CALL,
    /** SET, BEGIN, COMMIT, ANALYZE, VACUUM, DISCARD, PREPARE, EXPLAIN, LOCK, and anything unrecognised. */
    OTHER;

    public boolean isWrite() {
        return this == INSERT || this == UPDATE || this == DELETE || this == OTHER_WRITE;
    }
}
