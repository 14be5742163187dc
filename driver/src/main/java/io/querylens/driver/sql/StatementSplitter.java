package io.querylens.driver.sql;

import java.util.ArrayList;
import java.util.List;

/** Splits a multi-statement string at its top-level semicolons; see {@link Fingerprinter#splitStatements}. */
final class StatementSplitter {
    private StatementSplitter() {
    }

    static List<String> split(String sql, Dialect dialect) {
        List<String> statements = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql, dialect);
        int pieceStart = -1;
        int pieceEnd = -1;
        boolean hasCode = false;
        while (lexer.next()) {
            if (lexer.isPunctuation(';')) {
                if (hasCode) {
                    statements.add(lexer.sql().substring(pieceStart, pieceEnd));
                }
                pieceStart = -1;
                hasCode = false;
                continue;
            }
            if (pieceStart < 0) {
                pieceStart = lexer.start();
            }
            pieceEnd = lexer.end();
            hasCode |= lexer.type() != TokenType.COMMENT;
        }
        if (hasCode) {
            statements.add(lexer.sql().substring(pieceStart, pieceEnd));
        }
        return statements;
    }
}
