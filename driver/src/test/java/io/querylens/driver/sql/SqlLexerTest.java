package io.querylens.driver.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlLexerTest {

    @Test
    void tokensCarryTypeNormalisedTextAndOffsets() {
        String sql = "SELECT \"Odd\"\"Name\", 'x' FROM t WHERE a >= $1 -- note";
        List<SqlToken> tokens = SqlLexer.tokenize(sql, Dialect.POSTGRESQL);
        assertThat(tokens).extracting(SqlToken::type).containsExactly(
                TokenType.WORD, TokenType.QUOTED_IDENTIFIER, TokenType.PUNCTUATION, TokenType.STRING, TokenType.WORD,
                TokenType.WORD, TokenType.WORD, TokenType.WORD, TokenType.OPERATOR, TokenType.BIND_MARKER,
                TokenType.COMMENT);
        assertThat(tokens).extracting(SqlToken::text).containsExactly(
                "select", "Odd\"Name", ",", "'x'", "from", "t", "where", "a", ">=", "?", "-- note");
        for (SqlToken token : tokens) {
            assertThat(sql.substring(token.start(), token.end())).isNotBlank();
        }
        assertThat(sql.substring(tokens.get(1).start(), tokens.get(1).end())).isEqualTo("\"Odd\"\"Name\"");
    }

    @Test
    void mysqlBacktickNamesAreUnquotedInTokenText() {
        List<SqlToken> tokens = SqlLexer.tokenize("ALTER TABLE `My``Table` DROP COLUMN `c`", Dialect.MYSQL);
        assertThat(tokens).extracting(SqlToken::text)
                .containsExactly("alter", "table", "My`Table", "drop", "column", "c");
    }

    @Test
    void operatorsFollowPostgresqlSignRule() {
        assertThat(SqlLexer.tokenize("a=-1 and b->>'k' and c <=> d", Dialect.POSTGRESQL)).extracting(SqlToken::text)
                .containsExactly("a", "=", "-", "1", "and", "b", "->>", "'k'", "and", "c", "<=>", "d");
    }

    @Test
    void unterminatedConstructsRunToTheEnd() {
        for (String sql : new String[]{"'open", "\"open", "/* open", "$tag$ open", "E'open\\'", "/* /* */"}) {
            List<SqlToken> tokens = SqlLexer.tokenize(sql, Dialect.POSTGRESQL);
            assertThat(tokens).as(sql).hasSize(1);
            assertThat(tokens.get(0).end()).as(sql).isEqualTo(sql.length());
        }
    }

    @Test
    void overlongDollarTagIsNotAQuote() {
        String tag = "$" + "t".repeat(SqlLexer.MAX_DOLLAR_TAG_CHARS + 1) + "$";
        assertThat(SqlLexer.tokenize(tag + " x " + tag, Dialect.POSTGRESQL).get(0).type()).isEqualTo(TokenType.OTHER);
    }

    @Test
    void leadingKeywordsSkipCommentsAndParentheses() {
        assertThat(SqlLexer.leadingKeywords("/* c */ -- d\n CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)",
                Dialect.POSTGRESQL, 4)).containsExactly("create", "unique", "index", "concurrently");
        assertThat(SqlLexer.leadingKeywords("((select 1))", Dialect.GENERIC, 3)).containsExactly("select");
        assertThat(SqlLexer.leadingKeywords("ALTER TABLE \"T\" ADD", Dialect.POSTGRESQL, 5))
                .containsExactly("alter", "table");
        assertThat(SqlLexer.leadingKeywords(null, Dialect.POSTGRESQL, 5)).isEmpty();
    }

    @Test
    void splitStatementsRespectsQuotesCommentsAndDollarQuotes() {
        String sql = "select ';' ; -- a; comment\n create function f() returns int as $$ select 1; $$ language sql;"
                + " /* only a comment; */ ; ;";
        assertThat(Fingerprinter.splitStatements(sql, Dialect.POSTGRESQL)).containsExactly(
                "select ';'",
                "-- a; comment\n create function f() returns int as $$ select 1; $$ language sql");
    }

    @Test
    void splitStatementsHandlesMysqlQuirks() {
        String sql = "INSERT INTO t VALUES ('a\\';b'); # x; y\nDROP TABLE `we;ird`";
        assertThat(Fingerprinter.splitStatements(sql, Dialect.MYSQL))
                .containsExactly("INSERT INTO t VALUES ('a\\';b')", "# x; y\nDROP TABLE `we;ird`");
    }

    @Test
    void splitStatementsOfNothingIsEmpty() {
        assertThat(Fingerprinter.splitStatements(null, Dialect.GENERIC)).isEmpty();
        assertThat(Fingerprinter.splitStatements(" ; ", Dialect.GENERIC)).isEmpty();
    }

    @Test
    void dialectIsChosenFromUrlsAndProductNames() {
        assertThat(Dialect.fromJdbcUrl("jdbc:querylens:postgresql://h/db")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.fromJdbcUrl("jdbc:mariadb://h/db")).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.fromJdbcUrl("jdbc:h2:mem:x")).isEqualTo(Dialect.GENERIC);
        assertThat(Dialect.fromProductName("MariaDB")).isEqualTo(Dialect.MYSQL);
        assertThat(Dialect.fromProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
    }
}
