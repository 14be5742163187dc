package io.querylens.driver.detect.advisor;

import io.querylens.driver.detect.advisor.ColumnCatalog.ColumnInfo;
import io.querylens.driver.detect.unindexed.IndexAdvisor;
import io.querylens.driver.detect.unindexed.TableMetadata;
import io.querylens.driver.detect.unindexed.TableName;
import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;
import io.querylens.driver.finding.Severity;
import io.querylens.driver.sql.Dialect;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code imprecise_money_type}: a binary floating-point column ({@code real}, {@code double precision}, MySQL's
 * {@code FLOAT}, {@code DOUBLE}) whose name says money. 0.1 has no exact binary form, so sums drift by cents and
 * equality tests fail; {@code numeric}/{@code DECIMAL} stores decimal amounts exactly. The name is split into words
 * (snake_case and camelCase) and a word must be one of {@link #MONEY_WORDS}: {@code unit_price} is money,
 * {@code priority} is not.
 */
final class ImpreciseMoneyTypeCheck implements SchemaCheck {
    static final Set<String> MONEY_WORDS = Set.of("price", "prices", "amount", "amounts", "total", "subtotal", "cost",
            "costs", "balance", "fee", "fees", "salary", "wage", "tax", "vat", "discount", "payment", "revenue",
            "charge", "credit", "debit", "money", "refund", "tip", "budget", "invoice", "paid", "due");
    private static final Set<String> FLOAT_TYPES = Set.of("real", "double precision", "float", "double",
            "float4", "float8");
    /** Room for amounts up to 10^15 with 4 decimals (exchange rates, fractional cents); narrow it for your currency. */
    private static final String PRECISION = "(19,4)";

    @Override
    public String name() {
        return FindingKind.IMPRECISE_MONEY_TYPE.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        for (TableMetadata table : input.resolvedTables()) {
            for (ColumnInfo column : ColumnCatalog.read(input.connection(), input.dialect(), table.resolved()).values()) {
                if (FLOAT_TYPES.contains(column.dataType()) && looksLikeMoney(column.name())) {
                    findings.add(finding(input, table, column));
                }
            }
        }
        return findings;
    }

    static boolean looksLikeMoney(String columnName) {
        String words = columnName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        for (String word : words.split("[^a-z]+")) {
            if (MONEY_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(CheckInput input, TableMetadata table, ColumnInfo column) throws SQLException {
        Dialect dialect = input.dialect();
        TableName name = input.display(table.resolved());
        String tableSql = IndexAdvisor.qualified(dialect, name);
        String columnSql = IndexAdvisor.quote(dialect, column.name());
        String suggestion = dialect == Dialect.POSTGRESQL
                ? "ALTER TABLE " + tableSql + " ALTER COLUMN " + columnSql + " TYPE numeric" + PRECISION + ";"
                : "ALTER TABLE " + tableSql + " MODIFY COLUMN " + columnSql + " DECIMAL" + PRECISION
                + (column.nullable() ? " NULL" : " NOT NULL") + ";";
        String rewrite = dialect == Dialect.POSTGRESQL
                ? " Changing the type rewrites the table under an exclusive lock: plan a quiet period."
                : " MODIFY COLUMN copies the table and restates the whole column: add back any DEFAULT or COMMENT it had.";
        return AdvisorFinding.builder(FindingKind.IMPRECISE_MONEY_TYPE, Severity.WARNING, input.dataSource(), name,
                        List.of(column.name()), "float_money")
                .suggestion(suggestion)
                .reason(name.name() + "." + column.name() + " looks like money but is " + column.dataType()
                        + ", a binary floating-point type: amounts such as 0.10 are stored inexactly, sums drift and "
                        + "equality comparisons fail. A decimal type stores them exactly." + rewrite)
                .detail("currentType", column.dataType())
                .build();
    }
}
