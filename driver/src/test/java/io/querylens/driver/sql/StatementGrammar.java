package io.querylens.driver.sql;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.Random;

/**
 * Generates one statement template, then renders it any number of ways: different literal values and kinds, IN-list
 * lengths, keyword case, whitespace and comments. All renderings of a template must share a shape.
 */
final class StatementGrammar {
    /** Tokens split by spaces; {@code #L} is a literal, {@code #S} a string literal, {@code #IN} a list of literals. */
    private static final List<String> TEMPLATES = List.of(
            "select a , b from t where id = #L and name = #L",
            "SELECT t.a , count ( * ) FROM t JOIN u ON t.id = u.t_id WHERE u.x > #L GROUP BY t.a",
            "insert into t ( a , b , c ) values ( #L , #L , #L )",
            "update t set a = #L , b = #L where c in ( #IN )",
            "delete from t where d < date #S and e not in ( #IN )",
            "select * from t where x between #L and #L order by a limit #L offset #L",
            "select * from t where a = #L or ( b <> #L and c >= #L )",
            "with r as ( select id from t where k = #L ) select * from r where id in ( #IN )");

    private StatementGrammar() {
    }

    record Statement(String template, Dialect dialect) {
        String render(long seed) {
            Random random = new Random(seed);
            StringBuilder sql = new StringBuilder();
            for (String token : template.split(" ")) {
                if (sql.length() > 0 || random.nextBoolean()) {
                    sql.append(separator(random));
                }
                switch (token) {
                    case "#L" -> sql.append(literal(random, dialect, false));
                    case "#S" -> sql.append(literal(random, dialect, true));
                    case "#IN" -> {
                        int items = 1 + random.nextInt(12);
                        for (int i = 0; i < items; i++) {
                            sql.append(i == 0 ? "" : "," + separator(random)).append(literal(random, dialect, false));
                        }
                    }
                    default -> sql.append(random.nextBoolean() ? token.toUpperCase() : token.toLowerCase());
                }
            }
            if (random.nextBoolean()) {
                sql.append(separator(random));
            }
            return sql.toString();
        }
    }

    static Arbitrary<Statement> statements() {
        return Combinators.combine(Arbitraries.of(TEMPLATES), Arbitraries.of(Dialect.class)).as(Statement::new);
    }

    private static String separator(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "  ";
            case 1 -> "\n\t";
            case 2 -> " /* c" + random.nextInt(100) + " */ ";
            case 3 -> " -- note " + random.nextInt(100) + "\n";
            case 4 -> "/**/";
            default -> " ";
        };
    }

    private static String literal(Random random, Dialect dialect, boolean stringOnly) {
        int choice = stringOnly ? 0 : random.nextInt(10);
        return switch (choice) {
            case 0 -> "'" + (random.nextBoolean() ? "it''s " : "") + random.nextInt(1000) + "'";
            case 1 -> String.valueOf(random.nextInt(100_000));
            case 2 -> "-" + random.nextInt(100) + "." + random.nextInt(100);
            case 3 -> random.nextInt(10) + "e" + (random.nextBoolean() ? "-" : "+") + random.nextInt(30);
            case 4 -> random.nextBoolean() ? "true" : "FALSE";
            case 5 -> "?";
            case 6 -> dialect == Dialect.MYSQL ? "\"dq" + random.nextInt(9) + "\"" : "$" + (1 + random.nextInt(9));
            case 7 -> dialect == Dialect.POSTGRESQL ? "$q$ it's $q$" : "0x" + Integer.toHexString(random.nextInt());
            case 8 -> dialect == Dialect.MYSQL ? "'a\\'b'" : "E'a\\'b'";
            default -> "X'" + Integer.toHexString(random.nextInt(4096)) + "'";
        };
    }
}
