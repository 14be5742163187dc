package io.querylens.driver.detect.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from the current thread's stack, whether a DDL statement comes from a migration tool (Flyway, Liquibase,
 * or a caller the user allowed) and, when it does not, which schema tooling issued it (Hibernate's schema export,
 * Spring's script initialisation) for the report. Walks the stack once per DDL statement; never called otherwise.
 * Thread-safe and immutable.
 */
final class MigrationCallers {
    static final String FLYWAY = "flyway";
    static final String LIQUIBASE = "liquibase";

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String FLYWAY_PREFIX = "org.flywaydb.core.";
    private static final String LIQUIBASE_PREFIX = "liquibase.";

    private final String[] allowedCallers;

    MigrationCallers(List<String> allowedCallers) {
        this.allowedCallers = new ArrayList<>(allowedCallers).toArray(new String[0]);
    }

    /** Where the current DDL statement comes from. */
    Origin current() {
        return WALKER.walk(frames -> {
            String schemaTool = null;
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String className = frame.getClassName();
                if (className.startsWith(FLYWAY_PREFIX)) {
                    return new Origin(FLYWAY, null);
                }
                if (className.startsWith(LIQUIBASE_PREFIX)) {
                    return new Origin(LIQUIBASE, null);
                }
                for (String allowed : allowedCallers) {
                    if (className.startsWith(allowed)) {
                        return new Origin("allowed caller " + allowed, null);
                    }
                }
                if (schemaTool == null) {
                    schemaTool = schemaTool(className);
                }
            }
            return new Origin(null, schemaTool == null ? "application code" : schemaTool);
        });
    }

    private static String schemaTool(String className) {
        if (className.startsWith("org.hibernate.tool.schema.") || className.startsWith("org.hibernate.tool.hbm2ddl.")) {
            return "hibernate schema tooling (hbm2ddl / ddl-auto)";
        }
        if (className.startsWith("org.springframework.jdbc.datasource.init.")
                || className.startsWith("org.springframework.boot.jdbc.init.")
                || className.startsWith("org.springframework.boot.sql.init.")) {
            return "spring sql initialisation (schema.sql)";
        }
        return null;
    }

    /**
     * @param migrationTool {@code flyway}, {@code liquibase}, {@code allowed caller <prefix>}, or null outside a
     *                      migration
     * @param issuedBy      outside a migration: what issued the DDL (schema tooling or application code)
     */
    record Origin(String migrationTool, String issuedBy) {
        boolean insideMigration() {
            return migrationTool != null;
        }
    }
}
