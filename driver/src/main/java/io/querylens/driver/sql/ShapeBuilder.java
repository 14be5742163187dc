package io.querylens.driver.sql;

/**
 * One fingerprinting pass: pulls tokens from a {@link SqlLexer}, turns literals and markers into {@code ?}, words
 * into lower case and needlessly quoted identifiers into words, and hands the result to the
 * {@link LiteralListFolder}, the {@link NormalisedTextWriter} and the {@link StatementClassifier}. Everything happens
 * in that single pass; the only sizeable allocation is the writer's StringBuilder.
 *
 * <p>Two tokens are held back for one step: a {@code -} or {@code +} where a sign can stand (so {@code = -1} and
 * {@code = 1} are one shape) and a {@code ;} (so a trailing semicolon, or several, do not change the shape).
 */
final class ShapeBuilder {
    private final SqlLexer lexer;
    private final Dialect dialect;
    private final NormalisedTextWriter writer;
    private final LiteralListFolder folder;
    private final StatementClassifier classifier = new StatementClassifier();
    /** Classifies the statements after the first of a multi-statement text; made only for such texts. */
    private StatementClassifier laterStatement;
    private boolean laterDdl;
    private final SuppressionComments suppressions = new SuppressionComments();

    private boolean signPossible = true;
    private int pendingSignStart = -1;
    private boolean pendingSemicolon;
    private boolean firstStatementEnded;
    private boolean paged;
    private boolean previousWordStartsSelectList;
    private boolean previousWordIsFetch;
    private boolean previousWordIsTop;
    private int placeholderCount;
    private long identifierChecks;

    ShapeBuilder(String sql, Dialect dialect) {
        this.lexer = new SqlLexer(sql, dialect);
        this.dialect = dialect == null ? Dialect.GENERIC : dialect;
        this.writer = new NormalisedTextWriter(lexer.sql().length());
        this.folder = new LiteralListFolder(writer);
    }

    QueryShape build() {
        while (lexer.next()) {
            if (lexer.type() == TokenType.COMMENT) {
                suppressions.scan(lexer.sql(), lexer.start(), lexer.end());
            } else {
                acceptToken();
            }
        }
        flushPendingSign();
        folder.finish();
        classifier.endOfStatement();
        endLaterStatement();
        StatementKind kind = classifier.kind();
        int flags = (paged ? QueryShape.PAGED : 0)
                | (laterDdl ? QueryShape.LATER_DDL : 0)
                | (folder.multiRowValues() && kind.isWrite() ? QueryShape.MULTI_ROW_VALUES : 0)
                | (folder.foldedInList() ? QueryShape.IN_LIST : 0)
                | (writer.truncated() ? QueryShape.TEXT_TRUNCATED : 0);
        return new QueryShape(writer.id(), writer.text(), kind, suppressions.kinds(), flags, placeholderCount);
    }

    /** Lexer steps plus chars written and re-written: the work measure the linear-time tests bound. */
    long steps() {
        return lexer.steps() + identifierChecks + writer.charsWritten() + folder.rewrittenTokens() + suppressions.steps();
    }

    private void acceptToken() {
        if (previousWordIsTop) {
            // SELECT TOP 10 / TOP (?) / TOP ? pages; SELECT top FROM t reads a column named top.
            previousWordIsTop = false;
            paged |= lexer.type() == TokenType.NUMBER || lexer.type() == TokenType.BIND_MARKER
                    || lexer.isPunctuation('(');
        }
        if (lexer.isPunctuation(';')) {
            flushPendingSign();
            if (writer.isEmpty()) {
                // Leading semicolons end no statement: the shape drops them, so the text must classify without them.
                return;
            }
            pendingSemicolon = true;
            if (!firstStatementEnded) {
                firstStatementEnded = true;
                classifier.accept(lexer);
            } else {
                endLaterStatement();
            }
            return;
        }
        if (pendingSignStart >= 0) {
            boolean signedNumber = lexer.type() == TokenType.NUMBER;
            if (!signedNumber) {
                flushPendingSign();
            }
            pendingSignStart = -1;
            if (signedNumber) {
                classify();
                emitLiteral();
                return;
            }
        }
        if (pendingSemicolon) {
            pendingSemicolon = false;
            folder.accept(LiteralListFolder.ANY_OTHER, ";", 0, 1, NormalisedTextWriter.NO_SPACE_BEFORE);
            signPossible = true;
        }
        classify();
        if (signPossible && lexer.type() == TokenType.OPERATOR && (lexer.isOperator("-") || lexer.isOperator("+"))) {
            pendingSignStart = lexer.start();
            return;
        }
        noteFeatures();
        emit();
    }

    private void classify() {
        if (!firstStatementEnded) {
            classifier.accept(lexer);
        } else if (!laterDdl) {
            // With allowMultiQueries (MySQL) or the simple protocol (PostgreSQL) "select 1; drop table t" runs both:
            // the DDL guard must see the DROP even though the shape's kind comes from the SELECT.
            if (laterStatement == null) {
                laterStatement = new StatementClassifier();
            }
            laterStatement.accept(lexer);
        }
    }

    private void endLaterStatement() {
        if (laterStatement != null) {
            laterStatement.endOfStatement();
            laterDdl |= laterStatement.kind() == StatementKind.DDL;
            laterStatement.reset();
        }
    }

    private void flushPendingSign() {
        if (pendingSignStart >= 0) {
            folder.accept(LiteralListFolder.ANY_OTHER, lexer.sql(), pendingSignStart, pendingSignStart + 1, 0);
            signPossible = true;
            pendingSignStart = -1;
        }
    }

    private void noteFeatures() {
        if (lexer.type() == TokenType.BIND_MARKER) {
            placeholderCount++;
        }
        if (lexer.type() != TokenType.WORD) {
            previousWordStartsSelectList = false;
            previousWordIsFetch = false;
            return;
        }
        if (lexer.isWord("limit") || lexer.isWord("offset")
                || (previousWordIsFetch && (lexer.isWord("first") || lexer.isWord("next")))) {
            paged = true;
        }
        previousWordIsTop = previousWordStartsSelectList && lexer.isWord("top");
        previousWordIsFetch = lexer.isWord("fetch");
        previousWordStartsSelectList = lexer.isWord("select") || lexer.isWord("distinct") || lexer.isWord("all");
    }

    private void emit() {
        int start = lexer.start();
        int end = lexer.end();
        String sql = lexer.sql();
        switch (lexer.type()) {
            case STRING:
            case NUMBER:
            case BIND_MARKER:
                emitLiteral();
                return;
            case WORD:
                if (lexer.isWord("true") || lexer.isWord("false")) {
                    emitLiteral();
                    return;
                }
                int code = lexer.isWord("in") ? LiteralListFolder.WORD_IN
                        : lexer.isWord("values") ? LiteralListFolder.WORD_VALUES : LiteralListFolder.ANY_OTHER;
                folder.accept(code, sql, start, end, NormalisedTextWriter.LOWER_CASE);
                signPossible = startsExpression();
                return;
            case QUOTED_IDENTIFIER:
                if (quotesAreRedundant(sql, start, end)) {
                    folder.accept(LiteralListFolder.ANY_OTHER, sql, start + 1, end - 1, NormalisedTextWriter.LOWER_CASE);
                } else {
                    folder.accept(LiteralListFolder.ANY_OTHER, sql, start, end, 0);
                }
                signPossible = false;
                return;
            case OPERATOR:
                boolean cast = lexer.isOperator("::");
                folder.accept(LiteralListFolder.ANY_OTHER, sql, start, end, cast
                        ? NormalisedTextWriter.NO_SPACE_BEFORE | NormalisedTextWriter.NO_SPACE_AFTER : 0);
                signPossible = !cast;
                return;
            case PUNCTUATION:
                emitPunctuation(sql, start, end);
                return;
            default:
                folder.accept(LiteralListFolder.ANY_OTHER, sql, start, end, 0);
                signPossible = false;
        }
    }

    private void emitLiteral() {
        folder.accept(LiteralListFolder.LITERAL, "?", 0, 1, 0);
        signPossible = false;
        previousWordStartsSelectList = false;
        previousWordIsFetch = false;
    }

    private void emitPunctuation(String sql, int start, int end) {
        char c = sql.charAt(start);
        int code = LiteralListFolder.ANY_OTHER;
        int style = 0;
        if (end - start == 3) {
            code = LiteralListFolder.ELLIPSIS;
        } else if (c == '(' || c == '[' || c == '{') {
            code = c == '(' ? LiteralListFolder.OPEN_PAREN : code;
            style = NormalisedTextWriter.NO_SPACE_AFTER;
        } else if (c == ')' || c == ']' || c == '}') {
            code = c == ')' ? LiteralListFolder.CLOSE_PAREN : code;
            style = NormalisedTextWriter.NO_SPACE_BEFORE;
        } else if (c == ',') {
            code = LiteralListFolder.COMMA;
            style = NormalisedTextWriter.NO_SPACE_BEFORE;
        } else if (c == '.') {
            style = NormalisedTextWriter.NO_SPACE_BEFORE | NormalisedTextWriter.NO_SPACE_AFTER;
        }
        folder.accept(code, sql, start, end, style);
        signPossible = c == '(' || c == '[' || c == '{' || c == ',';
    }

    /** Keywords after which a {@code -} or {@code +} is a sign rather than a subtraction. */
    private boolean startsExpression() {
        return lexer.isWord("select") || lexer.isWord("where") || lexer.isWord("and") || lexer.isWord("or")
                || lexer.isWord("not") || lexer.isWord("when") || lexer.isWord("then") || lexer.isWord("else")
                || lexer.isWord("between") || lexer.isWord("limit") || lexer.isWord("offset")
                || lexer.isWord("return") || lexer.isWord("set") || lexer.isWord("by") || lexer.isWord("having")
                || lexer.isWord("on") || lexer.isWord("like");
    }

    /**
     * True when the quoted identifier means the same unquoted, so {@code `users`} and {@code users} are one shape:
     * in MySQL any simple name (letters, digits, _ and $, not starting with a digit, which MySQL would read as a
     * number); in PostgreSQL and generic SQL only all-lower-case simple names, since unquoted names fold to lower
     * case there and {@code "Users"} is a different table from {@code users}.
     */
    private boolean quotesAreRedundant(String sql, int start, int end) {
        char quote = sql.charAt(start);
        if (end - start < 3 || sql.charAt(end - 1) != quote || (quote != '"' && quote != '`')) {
            return false;
        }
        boolean mysql = dialect == Dialect.MYSQL;
        identifierChecks += end - start;
        for (int i = start + 1; i < end - 1; i++) {
            char c = sql.charAt(i);
            boolean lowerOrUnderscore = (c >= 'a' && c <= 'z') || c == '_';
            boolean allowed = i == start + 1
                    ? lowerOrUnderscore || (mysql && c >= 'A' && c <= 'Z')
                    : lowerOrUnderscore || SqlLexer.isDigit(c) || c == '$' || (mysql && c >= 'A' && c <= 'Z');
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
