package io.querylens.driver.detect.unindexed;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PredicateExtractorTest {

    @Test
    void equalityColumnsComeBeforeRangeAndOrderBy() throws Exception {
        TableUsage users = single("select * from users where organization_id = ? and status = ? "
                + "and created_at > ? order by created_at desc");
        assertThat(users.table()).isEqualTo(new TableName(null, "users"));
        assertThat(users.equalityColumns()).containsExactly("organization_id", "status");
        assertThat(users.rangeColumns()).containsExactly("created_at");
        assertThat(users.orderByColumns()).containsExactly("created_at");
    }

    @Test
    void aliasesAndSchemasResolveToTheirTables() throws Exception {
        List<TableUsage> tables = PredicateExtractor.extract("select o.id from app.orders o "
                + "join app.customers as c on c.id = o.customer_id where c.email = ? and o.total between ? and ?")
                .tables();
        TableUsage orders = byName(tables, "orders");
        TableUsage customers = byName(tables, "customers");
        assertThat(orders.table()).isEqualTo(new TableName("app", "orders"));
        assertThat(orders.joinColumns()).containsExactly("customer_id");
        assertThat(orders.rangeColumns()).containsExactly("total");
        assertThat(customers.joinColumns()).containsExactly("id");
        assertThat(customers.equalityColumns()).containsExactly("email");
    }

    @Test
    void predicatesUnderOrAreNotCollected() throws Exception {
        TableUsage users = single("select * from users where status = ? and (email = ? or name = ?)");
        assertThat(users.equalityColumns()).containsExactly("status");
    }

    @Test
    void functionOfAColumnIsAnExpressionPredicate() throws Exception {
        TableUsage users = single("select id from users where lower (email) = ?");
        assertThat(users.equalityColumns()).isEmpty();
        assertThat(users.expressionPredicates()).singleElement()
                .satisfies(p -> {
                    assertThat(p.column()).isEqualTo("email");
                    assertThat(p.normalised()).isEqualTo("loweremail");
                });
    }

    @Test
    void inListsAndIsNullAreEqualities() throws Exception {
        TableUsage users = single("update users set status = ? where organization_id in (?, ?) and deleted_at is null");
        assertThat(users.equalityColumns()).containsExactly("organization_id", "deleted_at");
    }

    @Test
    void subqueriesAndCorrelationsResolveThroughOuterScopes() throws Exception {
        List<TableUsage> tables = PredicateExtractor.extract("delete from orders where exists "
                + "(select 1 from order_lines l where l.order_id = orders.id and l.sku = ?)").tables();
        assertThat(byName(tables, "order_lines").equalityColumns()).containsExactly("sku");
        assertThat(byName(tables, "order_lines").joinColumns()).containsExactly("order_id");
        assertThat(byName(tables, "orders").joinColumns()).containsExactly("id");
    }

    @Test
    void commonTableExpressionsAreNotTables() throws Exception {
        List<TableUsage> tables = PredicateExtractor.extract("with recent as (select * from orders where "
                + "created_at > ?) select * from recent r where r.total > ?").tables();
        assertThat(tables).extracting(t -> t.table().name()).containsExactly("orders");
    }

    @Test
    void visibleLeadingWildcardIsRecognised() throws Exception {
        TableUsage users = single("select * from users where email like '%@example.com'");
        assertThat(users.leadingWildcardColumns()).containsExactly("email");
    }

    @Test
    void backtickAndDoubleQuotedNamesAreUnquoted() throws Exception {
        assertThat(single("select * from `Users` where `Status` = ?").equalityColumns()).containsExactly("Status");
        assertThat(single("select * from \"Users\" u where u.\"Status\" = ?").table().name()).isEqualTo("Users");
    }

    @Test
    void unparsableTextIsReportedAsSuch() {
        assertThatThrownBy(() -> PredicateExtractor.extract("select from where ( ?"))
                .isInstanceOf(PredicateExtractor.UnparsableStatement.class);
    }

    private static TableUsage single(String sql) throws Exception {
        List<TableUsage> tables = PredicateExtractor.extract(sql).tables();
        assertThat(tables).hasSize(1);
        return tables.get(0);
    }

    private static TableUsage byName(List<TableUsage> tables, String name) {
        return tables.stream().filter(t -> t.table().name().equals(name)).findFirst().orElseThrow();
    }
}
