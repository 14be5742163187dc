package io.querylens.driver.detect.advisor;

import java.util.List;

/**
 * What an ORM expects of the database: tables and their columns, each traced back to the entity and field that map it.
 * {@code jdbcUrl} is the URL the ORM was configured with (null when it was given a DataSource); the advisor compares
 * the model only with a data source of that URL, or, without a URL, with the only data source it has seen.
 * {@code name} identifies the model in findings (the persistence unit or session factory name).
 */
public record EntityModel(String name, String jdbcUrl, List<ExpectedTable> tables) {

    /** A mapped table; {@code schema} null for the connection's default. */
    public record ExpectedTable(String entity, String schema, String table, boolean quoted,
                                List<ExpectedColumn> columns) {
    }

    /**
     * A mapped column: {@code field} is the entity attribute (dotted for embedded ones), {@code sqlType} the DDL type
     * the ORM would create ({@code varchar(255)}, {@code bigint}), {@code nullable} whether the ORM allows null.
     */
    public record ExpectedColumn(String field, String column, boolean quoted, String sqlType, boolean nullable) {
    }
}
