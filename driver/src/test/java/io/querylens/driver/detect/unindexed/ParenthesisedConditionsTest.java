package io.querylens.driver.detect.unindexed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSqlParser 5 reads a parenthesised condition as a one-element expression list, not a {@code Parenthesis}: the
 * predicates inside (Hibernate writes {@code where (a=? and b=?)}) must still be collected, with their constants.
 */
class ParenthesisedConditionsTest {

    @Test
    void predicatesInsideParenthesesAreCollected() throws Exception {
        TableUsage users = PredicateExtractor.extract(
                "select id from users where ((organization_id = ?) and (status = 'active')) and (created_at > ?)")
                .tables().get(0);
        assertThat(users.equalityColumns()).containsExactly("organization_id", "status");
        assertThat(users.rangeColumns()).containsExactly("created_at");
        assertThat(users.equalityConstants()).containsOnlyKeys("status");
        assertThat(users.equalityConstants().get("status")).containsExactly("'active'");
    }

    @Test
    void constantsAreComparedAsValuesNotAsSpellings() throws Exception {
        TableUsage tickets = PredicateExtractor.extract(
                "select id from tickets where status in ('open', 'held') and priority = 2.0 and code = 'x'::text")
                .tables().get(0);
        assertThat(tickets.equalityConstants().get("status")).containsExactly("'open'", "'held'");
        assertThat(tickets.equalityConstants().get("priority")).containsExactly("2");
        assertThat(tickets.equalityConstants().get("code")).containsExactly("'x'");
        assertThat(tickets.numberComparedColumns()).containsExactly("priority");
    }
}
