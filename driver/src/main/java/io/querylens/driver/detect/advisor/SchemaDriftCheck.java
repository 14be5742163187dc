package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.advisor.ColumnCatalog.ColumnInfo;
import io.querylens.driver.detect.advisor.EntityModel.ExpectedColumn;
import io.querylens.driver.detect.advisor.EntityModel.ExpectedTable;
import io.querylens.driver.detect.unindexed.IndexAdvisor;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.internal.DataSourceNames;
import io.querylens.driver.sql.Dialect;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code schema_drift}: the ORM's entity model ({@link EntityModels}) against the live schema: a missing table, a
 * missing column, a column whose type family differs ({@link SqlTypeFamily}), or nullability that differs. The Java
 * counterpart of "the model changed but nobody wrote the migration". Each difference is reported once per advisor.
 *
 * <p>Which database a model is compared with: the data source whose URL (without credentials and parameters) is the
 * one the ORM was configured with; when the ORM got a DataSource and no URL, any data source the advisor has seen that
 * has at least one of the model's tables. Two databases with the same tables (tenants, shards) are then both compared;
 * two schemas of one database behind one URL are told apart only by the schema the model names or the analysis
 * connection's default schema, which is the application's own.
 */
final class SchemaDriftCheck implements SchemaCheck {
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return FindingKind.SCHEMA_DRIFT.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (EntityModel model : EntityModels.current()) {
            if (model.jdbcUrl() != null && !DataSourceNames.sanitize(model.jdbcUrl()).equals(input.dataSource())) {
                continue;
            }
            List<Finding> differences = new ArrayList<>();
            boolean anyTableFound = false;
            for (ExpectedTable table : model.tables()) {
                TableName name = new TableName(table.schema() == null ? null : fold(table.schema(), false),
                        fold(table.table(), table.quoted()));
                Optional<TableMetadata> actual = input.table(name);
                if (actual.isEmpty()) {
                    differences.add(missingTable(input, model, table, name));
                    continue;
                }
                anyTableFound = true;
                Map<String, ColumnInfo> columns = ColumnCatalog.read(input.connection(), input.dialect(),
                        actual.get().resolved());
                TableName display = input.display(actual.get().resolved());
                for (ExpectedColumn column : table.columns()) {
                    String columnName = input.dialect() == Dialect.POSTGRESQL
                            ? fold(column.column(), column.quoted()) : column.column().toLowerCase(Locale.ROOT);
                    ColumnInfo info = columns.get(columnName);
                    if (info == null) {
                        differences.add(missingColumn(input, model, table, display, column, columnName));
                    } else if (!SqlTypeFamily.compatible(column.sqlType(), info.dataType())) {
                        differences.add(typeMismatch(input, model, table, display, column, info));
                    } else if (column.nullable() != info.nullable()) {
                        differences.add(nullability(input, model, table, display, column, info));
                    }
                }
            }
            if (model.jdbcUrl() == null && !anyTableFound) {
                continue;
            }
            for (Finding difference : differences) {
                if (reported.add(model.name() + '|' + difference.key())) {
                    findings.add(difference);
                }
            }
        }
        return findings;
    }

    private static String fold(String identifier, boolean quoted) {
        return quoted ? identifier : identifier.toLowerCase(Locale.ROOT);
    }

    private static Finding.Builder drift(CheckInput input, EntityModel model, ExpectedTable table, TableName name,
                                         List<String> columns, String rule, Severity severity) {
        return AdvisorFinding.builder(FindingKind.SCHEMA_DRIFT, severity, input.dataSource(), name, columns, rule)
                .detail("model", model.name())
                .detail("entity", table.entity());
    }

    private static Finding missingTable(CheckInput input, EntityModel model, ExpectedTable table, TableName name) {
        List<String> columns = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        for (ExpectedColumn column : table.columns()) {
            if (!columns.contains(column.column())) {
                columns.add(column.column());
                definitions.add(IndexAdvisor.quote(input.dialect(), column.column()) + " " + column.sqlType()
                        + (column.nullable() ? "" : " NOT NULL"));
            }
        }
        return drift(input, model, table, name, columns, "missing_table", Severity.CRITICAL)
                .suggestion("CREATE TABLE " + IndexAdvisor.qualified(input.dialect(), name) + " ("
                        + String.join(", ", definitions) + ");")
                .reason("Entity " + table.entity() + " maps to table " + name + ", which does not exist in "
                        + input.dataSource() + ": every query on it fails. A migration is missing or was not applied.")
                .build();
    }

    private static Finding missingColumn(CheckInput input, EntityModel model, ExpectedTable table, TableName name,
                                         ExpectedColumn column, String columnName) {
        String type = column.sqlType() == null ? "<type>" : column.sqlType();
        return drift(input, model, table, name, List.of(columnName), "missing_column", Severity.CRITICAL)
                .suggestion("ALTER TABLE " + IndexAdvisor.qualified(input.dialect(), name) + " ADD COLUMN "
                        + IndexAdvisor.quote(input.dialect(), columnName) + " " + type + ";")
                .reason("Entity " + table.entity() + " field " + column.field() + " maps to column " + name.name()
                        + "." + columnName + ", which does not exist: loading or saving a " + table.entity()
                        + " fails. A migration is missing or was not applied."
                        + (column.nullable() ? "" : " The model says NOT NULL: add the column, fill it, then set "
                        + "NOT NULL."))
                .detail("field", column.field())
                .detail("expectedType", type)
                .build();
    }

    private static Finding typeMismatch(CheckInput input, EntityModel model, ExpectedTable table, TableName name,
                                        ExpectedColumn column, ColumnInfo info) {
        String tableSql = IndexAdvisor.qualified(input.dialect(), name);
        String columnSql = IndexAdvisor.quote(input.dialect(), info.name());
        String suggestion = input.dialect() == Dialect.POSTGRESQL
                ? "ALTER TABLE " + tableSql + " ALTER COLUMN " + columnSql + " TYPE " + column.sqlType() + ";"
                : "ALTER TABLE " + tableSql + " MODIFY COLUMN " + columnSql + " " + column.sqlType()
                + (info.nullable() ? " NULL" : " NOT NULL") + ";";
        return drift(input, model, table, name, List.of(info.name()), "type_mismatch", Severity.WARNING)
                .suggestion(suggestion)
                .reason("Entity " + table.entity() + " field " + column.field() + " expects " + column.sqlType()
                        + " but column " + name.name() + "." + info.name() + " is " + info.dataType()
                        + ": values may be truncated, overflow or fail to convert.")
                .detail("field", column.field())
                .detail("expectedType", column.sqlType())
                .detail("actualType", info.dataType())
                .build();
    }

    private static Finding nullability(CheckInput input, EntityModel model, ExpectedTable table, TableName name,
                                       ExpectedColumn column, ColumnInfo info) {
        String tableSql = IndexAdvisor.qualified(input.dialect(), name);
        String columnSql = IndexAdvisor.quote(input.dialect(), info.name());
        String suggestion = input.dialect() == Dialect.POSTGRESQL
                ? "ALTER TABLE " + tableSql + " ALTER COLUMN " + columnSql
                + (column.nullable() ? " DROP NOT NULL;" : " SET NOT NULL;")
                : "ALTER TABLE " + tableSql + " MODIFY COLUMN " + columnSql + " " + column.sqlType()
                + (column.nullable() ? " NULL;" : " NOT NULL;");
        String consequence = column.nullable()
                ? "saving a " + table.entity() + " whose " + column.field() + " is null fails"
                : "rows written by other code may hold null, which the entity does not expect";
        return drift(input, model, table, name, List.of(info.name()), "nullability_mismatch",
                column.nullable() ? Severity.WARNING : Severity.INFO)
                .suggestion(suggestion)
                .reason("Entity " + table.entity() + " field " + column.field() + " is "
                        + (column.nullable() ? "nullable" : "not nullable") + " but column " + name.name() + "."
                        + info.name() + " is " + (info.nullable() ? "nullable" : "NOT NULL") + ": " + consequence + ".")
                .detail("field", column.field())
                .build();
    }
}
