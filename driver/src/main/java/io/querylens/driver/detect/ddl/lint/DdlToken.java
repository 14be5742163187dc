package io.querylens.driver.detect.ddl.lint;

/**
 * One token of a DDL statement. Words are lower case (PostgreSQL folds unquoted identifiers to lower case; MySQL
 * compares table names case-insensitively on most systems), quoted identifiers keep their case without quotes.
 */
record DdlToken(Type type, String text) {
    enum Type {
        /** A keyword or unquoted identifier, lower case. */
        WORD,
        /** A {@code "quoted"} or {@code `quoted`} identifier, unquoted. */
        QUOTED_IDENTIFIER,
        /** A string or dollar-quoted literal; the text is not kept. */
        STRING,
        NUMBER,
        /** A bind marker or a literal the fingerprinter already replaced ({@code ?}, {@code $1}). */
        PLACEHOLDER,
        /** One punctuation or operator character: {@code ( ) , ; . = :} and the like. */
        SYMBOL
    }

    boolean isWord(String word) {
        return type == Type.WORD && text.equals(word);
    }

    boolean isSymbol(char symbol) {
        return type == Type.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
    }

    /** A name: an unquoted word or a quoted identifier. */
    boolean isName() {
        return type == Type.WORD || type == Type.QUOTED_IDENTIFIER;
    }
}
