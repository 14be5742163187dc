package io.querylens.driver.detect.advisor;

import io.querylens.driver.finding.Finding;

import java.sql.SQLException;
import java.util.List;

/**
 * One schema check of the advisor. A check needs only what {@link CheckInput} holds (a connection, the dialect, the
 * tables to look at and the joins seen), so the collector can run the same checks for the databases it polls.
 * Checks read catalogs and statistics and never write; they may run a bounded query (the orphan count) under the
 * connection's statement timeout.
 */
public interface SchemaCheck {

    /** The check's name in {@code querylens.advisor.disabledChecks}: the wire name of the finding kind it reports. */
    String name();

    /** The findings for this input; empty when the schema is sound. */
    List<Finding> run(CheckInput input) throws SQLException;
}
