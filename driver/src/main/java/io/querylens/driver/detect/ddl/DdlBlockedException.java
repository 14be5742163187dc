package io.querylens.driver.detect.ddl;

import java.sql.SQLNonTransientException;

/**
 * Thrown to the application when {@code querylens.ddl.mode=block} stops a schema change made outside a migration.
 * Nothing was sent to the database: no schema changed, and the connection and any open transaction are as they were
 * (on PostgreSQL the transaction is not even marked failed).
 *
 * <p>SQLState {@value #SQL_STATE} ({@code insufficient_privilege}): the statement was refused, not malformed or
 * transient, so retry logic leaves it alone, pools keep the connection, and Spring translates it as a permission
 * problem. Vendor code {@value #VENDOR_CODE}. The message reads
 * {@code QueryLens blocked DDL outside a migration: <statement shape> at <call site>. Nothing was sent to the
 * database. To proceed, write this change as a Flyway or Liquibase migration, or allow this caller with
 * querylens.ddl.allowedCallers=<package prefix> (or querylens.ddl.mode=warn).}
 */
public final class DdlBlockedException extends SQLNonTransientException {
    public static final String SQL_STATE = "42501";
    public static final int VENDOR_CODE = 0;

    private final String statementShape;
    private final String callSite;

    DdlBlockedException(String statementShape, String callSite) {
        super(message(statementShape, callSite), SQL_STATE, VENDOR_CODE);
        this.statementShape = statementShape;
        this.callSite = callSite;
    }

    /** The normalised statement that was refused (no literal values). */
    public String statementShape() {
        return statementShape;
    }

    /** The application frame that issued it, e.g. {@code com.shop.Setup.init(Setup.java:12)}. */
    public String callSite() {
        return callSite;
    }

    private static String message(String statementShape, String callSite) {
        return "QueryLens blocked DDL outside a migration: " + statementShape + " at " + callSite
                + ". Nothing was sent to the database. To proceed, write this change as a Flyway or Liquibase"
                + " migration, or allow this caller with querylens.ddl.allowedCallers=" + packageOf(callSite)
                + " (or querylens.ddl.mode=warn).";
    }

    /** The package of a frame such as {@code com.shop.Setup.init(Setup.java:12)}: {@code com.shop.}. */
    static String packageOf(String callSite) {
        int paren = callSite.indexOf('(');
        String qualified = paren < 0 ? callSite : callSite.substring(0, paren);
        int method = qualified.lastIndexOf('.');
        int type = method <= 0 ? -1 : qualified.lastIndexOf('.', method - 1);
        return type <= 0 ? "<package prefix>" : qualified.substring(0, type + 1);
    }
}
