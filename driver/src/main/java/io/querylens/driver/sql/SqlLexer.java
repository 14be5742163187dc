package io.querylens.driver.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A single-pass scanner over a statement's chars: a cursor that moves from token to token, so the fingerprinting
 * path creates no token objects. Background readers (the DDL linter) can use {@link #tokenize} and
 * {@link #leadingKeywords} instead.
 *
 * <p>Why hand-written rather than JSqlParser: this runs at prepare time and on every plain-{@code Statement} cache
 * miss, on the application's thread. JSqlParser costs ~60 µs to ~1 ms per parse, allocates a tree, and throws on
 * dialect corners; this scanner costs about a microsecond, reads each char a bounded number of times and cannot fail
 * on any input: unterminated quotes, comments and dollar quotes simply run to the end of the text. JSqlParser is used
 * only by background detectors. The structure follows pgjdbc's {@code Parser}: one small scanner per construct, each
 * returning the end offset.
 *
 * <p>Linear time is a contract, checked by tests through {@link #steps()}: every char examined costs one step, and
 * no char is examined more than a constant number of times. Dollar-quote tags are capped at
 * {@value #MAX_DOLLAR_TAG_CHARS} chars (PostgreSQL caps identifiers at 63 bytes), which bounds the closing-tag search.
 *
 * <p>Dialect rules: PostgreSQL nests block comments and has {@code $n} markers, dollar quotes, {@code E'…'} escapes
 * and the {@code ?|}, {@code ?&}, {@code ??} JSON operators. MySQL has backtick identifiers, {@code "…"} strings
 * (ANSI_QUOTES is assumed off), backslash escapes in strings, {@code #} comments, {@code -- } comments only when a
 * space follows, identifiers that may start with digits, and {@code /*! … *}{@code /} executable hints, whose
 * content is lexed as SQL (MySQL runs it) while the hint markers and version number are dropped. GENERIC has the
 * standard rules plus {@code $n} markers.
 *
 * <p>Not thread-safe: one lexer per scan. Longer than our usual file because every scanner shares the cursor and
 * the dialect switches; split apart, the rules of one dialect would be spread over several files.
 */
public final class SqlLexer {
    static final int MAX_DOLLAR_TAG_CHARS = 64;
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|";
    /** PostgreSQL: an operator may end in + or - only if it contains one of these. */
    private static final String OPERATOR_CHARS_ALLOWING_TRAILING_SIGN = "~!@#%^&|";

    private final String sql;
    private final int length;
    private final Dialect dialect;
    private int position;
    private TokenType type;
    private int start;
    private int end;
    private boolean insideExecutableHint;
    /** End of the last operator run whose trailing signs were shed; see {@link #scanOperator}. */
    private int shedSignsEnd;
    private long steps;

    public SqlLexer(String sql, Dialect dialect) {
        this.sql = sql == null ? "" : sql;
        this.length = this.sql.length();
        this.dialect = dialect == null ? Dialect.GENERIC : dialect;
    }

    /** All tokens, comments included, with normalised text (see {@link SqlToken}). For background use. */
    public static List<SqlToken> tokenize(String sql, Dialect dialect) {
        SqlLexer lexer = new SqlLexer(sql, dialect);
        List<SqlToken> tokens = new ArrayList<>();
        while (lexer.next()) {
            tokens.add(new SqlToken(lexer.type, lexer.normalisedText(), lexer.start, lexer.end));
        }
        return tokens;
    }

    /**
     * The first {@code max} words of the first statement in lower case, e.g. {@code [create, unique, index]}:
     * comments and opening punctuation ({@code (}, {@code {}) before the first word are skipped, and the list stops
     * at the first token that is not a word.
     */
    public static List<String> leadingKeywords(String sql, Dialect dialect, int max) {
        SqlLexer lexer = new SqlLexer(sql, dialect);
        List<String> words = new ArrayList<>();
        while (words.size() < max && lexer.next()) {
            if (lexer.type == TokenType.COMMENT) {
                continue;
            }
            if (lexer.type == TokenType.WORD) {
                words.add(lexer.normalisedText());
            } else if (!words.isEmpty() || !(lexer.isPunctuation('(') || lexer.isPunctuation('{'))) {
                break;
            }
        }
        return words;
    }

    /** Moves to the next token; false at the end of the text. */
    public boolean next() {
        while (position < length) {
            steps++;
            char c = sql.charAt(position);
            if (isSpace(c)) {
                position++;
                continue;
            }
            start = position;
            if (insideExecutableHint && c == '*' && charAt(position + 1) == '/') {
                insideExecutableHint = false;
                position += 2;
                continue;
            }
            if (scanToken(c)) {
                position = end;
                return true;
            }
        }
        type = null;
        start = length;
        end = length;
        return false;
    }

    public TokenType type() {
        return type;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Chars examined so far: the work measure behind the linear-time contract. */
    public long steps() {
        return steps;
    }

    public String sql() {
        return sql;
    }

    /** True when the current token is the given word, compared ignoring case. {@code lowerCaseWord} is ASCII. */
    public boolean isWord(String lowerCaseWord) {
        return type == TokenType.WORD && end - start == lowerCaseWord.length()
                && sql.regionMatches(true, start, lowerCaseWord, 0, lowerCaseWord.length());
    }

    public boolean isPunctuation(char c) {
        return type == TokenType.PUNCTUATION && end - start == 1 && sql.charAt(start) == c;
    }

    public boolean isOperator(String operator) {
        return type == TokenType.OPERATOR && end - start == operator.length()
                && sql.startsWith(operator, start);
    }

    /** The current token's text as {@link SqlToken} describes it. Allocates: not for the fingerprinting path. */
    public String normalisedText() {
        switch (type) {
            case WORD:
                return sql.substring(start, end).toLowerCase(Locale.ROOT);
            case BIND_MARKER:
                return "?";
            case QUOTED_IDENTIFIER:
                int open = sql.charAt(start) == 'u' || sql.charAt(start) == 'U' ? start + 2 : start;
                char quote = sql.charAt(open);
                int close = end > open + 1 && sql.charAt(end - 1) == quote ? end - 1 : end;
                String doubled = String.valueOf(quote) + quote;
                return sql.substring(open + 1, close).replace(doubled, String.valueOf(quote));
            default:
                return sql.substring(start, end);
        }
    }

    private boolean scanToken(char c) {
        switch (c) {
            case '\'':
                return emit(TokenType.STRING, scanQuoted(start + 1, '\'', dialect == Dialect.MYSQL));
            case '"':
                return dialect == Dialect.MYSQL
                        ? emit(TokenType.STRING, scanQuoted(start + 1, '"', true))
                        : emit(TokenType.QUOTED_IDENTIFIER, scanQuoted(start + 1, '"', false));
            case '`':
                return dialect == Dialect.MYSQL
                        ? emit(TokenType.QUOTED_IDENTIFIER, scanQuoted(start + 1, '`', false))
                        : emit(TokenType.OTHER, start + 1);
            case '-':
                if (startsLineComment(start)) {
                    return emit(TokenType.COMMENT, scanLineComment(start + 2));
                }
                return emit(TokenType.OPERATOR, scanOperator(start));
            case '#':
                if (dialect == Dialect.MYSQL) {
                    return emit(TokenType.COMMENT, scanLineComment(start + 1));
                }
                return emit(TokenType.OPERATOR, scanOperator(start));
            case '/':
                if (charAt(start + 1) == '*') {
                    if (dialect == Dialect.MYSQL && enterExecutableHint()) {
                        return false;
                    }
                    return emit(TokenType.COMMENT, scanBlockComment(start + 2));
                }
                return emit(TokenType.OPERATOR, scanOperator(start));
            case '?':
                return scanQuestionMark();
            case '$':
                return scanDollar();
            case '(': case ')': case ',': case ';': case '[': case ']': case '{': case '}':
                return emit(TokenType.PUNCTUATION, start + 1);
            case '.':
                if (charAt(start + 1) == '.' && charAt(start + 2) == '.') {
                    return emit(TokenType.PUNCTUATION, start + 3);
                }
                if (isDigit(charAt(start + 1)) && !followsName(start)) {
                    return emit(TokenType.NUMBER, scanFraction(start));
                }
                return emit(TokenType.PUNCTUATION, start + 1);
            case ':':
                char second = charAt(start + 1);
                return second == ':' || second == '='
                        ? emit(TokenType.OPERATOR, start + 2)
                        : emit(TokenType.PUNCTUATION, start + 1);
            default:
                if (isDigit(c)) {
                    return scanNumber(c);
                }
                if (isWordStart(c)) {
                    return scanWordOrPrefixedLiteral(c);
                }
                if (OPERATOR_CHARS.indexOf(c) >= 0) {
                    return emit(TokenType.OPERATOR, scanOperator(start));
                }
                return emit(TokenType.OTHER, start + 1);
        }
    }

    private boolean emit(TokenType tokenType, int tokenEnd) {
        type = tokenType;
        end = Math.min(tokenEnd, length);
        return true;
    }

    /** Returns the offset after the closing quote, or the text's end when the quote never closes. */
    private int scanQuoted(int from, char quote, boolean backslashEscapes) {
        int i = from;
        while (i < length) {
            steps++;
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == quote) {
                if (charAt(i + 1) != quote) {
                    return i + 1;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return length;
    }

    private boolean startsLineComment(int at) {
        if (charAt(at + 1) != '-') {
            return false;
        }
        // MySQL reads "--" as a comment only when a space or control char follows: 5--1 is 5 - (-1) there.
        return dialect != Dialect.MYSQL || at + 2 >= length || charAt(at + 2) <= ' ';
    }

    private int scanLineComment(int from) {
        int i = from;
        while (i < length) {
            steps++;
            char c = sql.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
            i++;
        }
        return length;
    }

    private int scanBlockComment(int from) {
        int depth = 1;
        int i = from;
        while (i < length) {
            steps++;
            char c = sql.charAt(i);
            if (c == '*' && charAt(i + 1) == '/') {
                i += 2;
                if (--depth == 0) {
                    return i;
                }
            } else if (c == '/' && charAt(i + 1) == '*' && dialect == Dialect.POSTGRESQL) {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        return length;
    }

    /** MySQL {@code /*! … *}{@code /} and MariaDB {@code /*M! … *}{@code /}: skip the marker and version only. */
    private boolean enterExecutableHint() {
        int i = start + 2;
        if (charAt(i) == 'M' && charAt(i + 1) == '!') {
            i++;
        }
        if (charAt(i) != '!') {
            return false;
        }
        i++;
        while (i < length && isDigit(sql.charAt(i))) {
            steps++;
            i++;
        }
        insideExecutableHint = true;
        position = i;
        return true;
    }

    private boolean scanQuestionMark() {
        if (dialect == Dialect.POSTGRESQL) {
            char next = charAt(start + 1);
            if (next == '?') {
                char third = charAt(start + 2);
                return emit(TokenType.OPERATOR, third == '|' || third == '&' ? start + 3 : start + 2);
            }
            // "?||" is a bind marker then string concatenation, far more common than the ?| operator then |.
            if ((next == '|' && charAt(start + 2) != '|') || next == '&') {
                return emit(TokenType.OPERATOR, start + 2);
            }
        }
        return emit(TokenType.BIND_MARKER, start + 1);
    }

    private boolean scanDollar() {
        if (dialect == Dialect.MYSQL) {
            return emit(TokenType.OTHER, start + 1);
        }
        int i = start + 1;
        if (isDigit(charAt(i))) {
            while (i < length && isDigit(sql.charAt(i))) {
                steps++;
                i++;
            }
            return emit(TokenType.BIND_MARKER, i);
        }
        if (dialect != Dialect.POSTGRESQL) {
            return emit(TokenType.OTHER, start + 1);
        }
        while (i < length && i - start <= MAX_DOLLAR_TAG_CHARS && isDollarTagChar(sql.charAt(i), i == start + 1)) {
            steps++;
            i++;
        }
        if (charAt(i) != '$' || i - start > MAX_DOLLAR_TAG_CHARS) {
            return emit(TokenType.OTHER, start + 1);
        }
        int tagLength = i - start + 1;
        return emit(TokenType.STRING, scanDollarBody(i + 1, tagLength));
    }

    /**
     * Finds the closing tag. A partial match of k chars can only start at a '$', and the tag holds no '$' between
     * its ends, so the next '$' is at least k chars further on: the comparisons add up to at most twice the body.
     */
    private int scanDollarBody(int from, int tagLength) {
        int i = from;
        while (i < length) {
            steps++;
            if (sql.charAt(i) == '$' && matchesTag(i, tagLength)) {
                return i + tagLength;
            }
            i++;
        }
        return length;
    }

    private boolean matchesTag(int at, int tagLength) {
        if (at + tagLength > length) {
            return false;
        }
        for (int k = 1; k < tagLength; k++) {
            steps++;
            if (sql.charAt(at + k) != sql.charAt(start + k)) {
                return false;
            }
        }
        return true;
    }

    private boolean scanNumber(char first) {
        char second = charAt(start + 1);
        if (first == '0' && (second == 'x' || second == 'X') && isHexDigit(charAt(start + 2))) {
            return emit(TokenType.NUMBER, scanWhile(start + 2, true));
        }
        if (first == '0' && (second == 'b' || second == 'B' || second == 'o' || second == 'O')
                && isDigit(charAt(start + 2))) {
            return emit(TokenType.NUMBER, scanWhile(start + 2, false));
        }
        int i = scanDigits(start);
        if (dialect == Dialect.MYSQL && i < length && isWordPart(sql.charAt(i)) && !isExponentAt(i)) {
            // MySQL identifiers may start with digits: 1col, 2024_orders.
            return emit(TokenType.WORD, scanWordPart(i));
        }
        if (charAt(i) == '.' && charAt(i + 1) != '.') {
            return emit(TokenType.NUMBER, scanFraction(i));
        }
        return emit(TokenType.NUMBER, scanExponent(i));
    }

    /** From a '.', the fraction digits and exponent. */
    private int scanFraction(int dot) {
        return scanExponent(scanDigits(dot + 1));
    }

    private int scanExponent(int at) {
        if (!isExponentAt(at)) {
            return at;
        }
        char sign = charAt(at + 1);
        return scanDigits(sign == '+' || sign == '-' ? at + 2 : at + 1);
    }

    private boolean isExponentAt(int at) {
        char e = charAt(at);
        if (e != 'e' && e != 'E') {
            return false;
        }
        char next = charAt(at + 1);
        return isDigit(next) || ((next == '+' || next == '-') && isDigit(charAt(at + 2)));
    }

    private int scanDigits(int from) {
        int i = from;
        while (i < length && (isDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            steps++;
            i++;
        }
        return i;
    }

    private int scanWhile(int from, boolean hex) {
        int i = from;
        while (i < length && (hex ? isHexDigit(sql.charAt(i)) : isDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            steps++;
            i++;
        }
        return i;
    }

    private boolean scanWordOrPrefixedLiteral(char first) {
        char second = charAt(start + 1);
        if (second == '\'') {
            switch (first) {
                case 'e': case 'E':
                    return emit(TokenType.STRING, scanQuoted(start + 2, '\'', true));
                case 'n': case 'N': case 'b': case 'B': case 'x': case 'X':
                    return emit(TokenType.STRING, scanQuoted(start + 2, '\'', dialect == Dialect.MYSQL));
                default:
                    break;
            }
        }
        if ((first == 'u' || first == 'U') && second == '&') {
            char quote = charAt(start + 2);
            if (quote == '\'') {
                return emit(TokenType.STRING, scanQuoted(start + 3, '\'', false));
            }
            if (quote == '"' && dialect != Dialect.MYSQL) {
                return emit(TokenType.QUOTED_IDENTIFIER, scanQuoted(start + 3, '"', false));
            }
        }
        int i = scanWordPart(start + 1);
        if (dialect == Dialect.MYSQL && first == '_' && charAt(i) == '\'') {
            return emit(TokenType.STRING, scanQuoted(i + 1, '\'', true)); // charset introducer: _utf8mb4'…'
        }
        return emit(TokenType.WORD, i);
    }

    private int scanWordPart(int from) {
        int i = from;
        while (i < length && isWordPart(sql.charAt(i))) {
            steps++;
            i++;
        }
        return i;
    }

    /**
     * An operator run. It stops where a comment starts, and, as PostgreSQL does, sheds trailing + and - unless it
     * holds one of ~!@#%^&|, so that {@code x=-1} is {@code =} then {@code -1}. The shed signs are single-char
     * operators; remembering where they end keeps a run like MySQL's {@code ------} linear instead of rescanning the
     * rest of the run for each char.
     */
    private int scanOperator(int from) {
        if (from < shedSignsEnd) {
            return from + 1;
        }
        int i = from;
        boolean allowsTrailingSign = false;
        while (i < length) {
            steps++;
            char c = sql.charAt(i);
            boolean operatorChar = OPERATOR_CHARS.indexOf(c) >= 0 && !(c == '#' && dialect == Dialect.MYSQL);
            if (!operatorChar || (i > from && ((c == '-' && startsLineComment(i))
                    || (c == '/' && charAt(i + 1) == '*')))) {
                break;
            }
            allowsTrailingSign |= OPERATOR_CHARS_ALLOWING_TRAILING_SIGN.indexOf(c) >= 0;
            i++;
        }
        if (!allowsTrailingSign) {
            shedSignsEnd = i;
            while (i - from > 1 && (sql.charAt(i - 1) == '+' || sql.charAt(i - 1) == '-')) {
                i--;
            }
        }
        return i;
    }

    private boolean followsName(int at) {
        if (at == 0) {
            return false;
        }
        char before = sql.charAt(at - 1);
        return isWordPart(before) || before == '"' || before == '`' || before == ')' || before == ']';
    }

    private char charAt(int i) {
        return i < length ? sql.charAt(i) : '\0';
    }

    static boolean isSpace(char c) {
        return c <= ' ' || (c >= 0x7f && (c <= 0xa0 || Character.isWhitespace(c) || Character.isSpaceChar(c)));
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && Character.isLetter(c));
    }

    static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$' || (c >= 0x80 && Character.isLetterOrDigit(c));
    }

    private static boolean isDollarTagChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0x80 && Character.isLetter(c))
                || (!first && isDigit(c));
    }
}
