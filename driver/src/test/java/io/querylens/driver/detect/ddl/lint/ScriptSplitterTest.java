package io.querylens.driver.detect.ddl.lint;

import io.querylens.driver.sql.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptSplitterTest {

    @Test
    void semicolonsInsideStringsCommentsAndDollarQuotesDoNotSplit() throws Exception {
        String script = """
                -- a comment; with a semicolon
                INSERT INTO notes VALUES ('a;b', "x;y");
                /* block; /* nested; */ still comment; */
                CREATE FUNCTION touch() RETURNS trigger AS $body$
                BEGIN NEW.updated := now(); RETURN NEW; END;
                $body$ LANGUAGE plpgsql;
                ALTER TABLE t ADD COLUMN c int
                """;

        List<ScriptStatement> statements = ScriptSplitter.split(script, Dialect.POSTGRESQL);

        assertThat(statements).extracting(ScriptStatement::line).containsExactly(2, 4, 7);
        assertThat(statements.get(1).text()).contains("RETURN NEW; END;").endsWith("LANGUAGE plpgsql");
        assertThat(statements.get(2).text()).isEqualTo("ALTER TABLE t ADD COLUMN c int");
    }

    @Test
    void mysqlDelimiterLineChangesTheTerminator() throws Exception {
        String script = """
                DELIMITER //
                CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //
                DELIMITER ;
                DROP TABLE `a;b`;
                """;

        List<ScriptStatement> statements = ScriptSplitter.split(script, Dialect.MYSQL);

        assertThat(statements).extracting(ScriptStatement::line).containsExactly(2, 4);
        assertThat(statements.get(0).text()).contains("SELECT 1; SELECT 2; END");
    }

    @Test
    void allowCommentAfterTheTerminatorBelongsToThatStatement() throws Exception {
        List<ScriptStatement> statements = ScriptSplitter.split(
                "ALTER TABLE t RENAME COLUMN a TO b; -- querylens:allow rename_column\nDROP TABLE u;",
                Dialect.POSTGRESQL);

        assertThat(statements.get(0).trailingAllowedNames()).containsExactly("rename_column");
        assertThat(statements.get(1).trailingAllowedNames()).isEmpty();
    }

    @Test
    void unterminatedDollarQuoteIsUnparsableAtItsLine() {
        assertThatThrownBy(() -> ScriptSplitter.split("SELECT 1;\n\nDO $$ BEGIN\n", Dialect.POSTGRESQL))
                .isInstanceOf(UnparsableSqlException.class)
                .hasMessageContaining("dollar")
                .extracting(e -> ((UnparsableSqlException) e).line()).isEqualTo(3);
    }

    @Test
    void unterminatedStringIsUnparsable() {
        assertThatThrownBy(() -> ScriptSplitter.split("ALTER TABLE t ADD COLUMN c text DEFAULT 'x;\n", Dialect.MYSQL))
                .isInstanceOf(UnparsableSqlException.class);
    }
}
