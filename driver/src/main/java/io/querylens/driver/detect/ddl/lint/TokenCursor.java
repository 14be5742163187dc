package io.querylens.driver.detect.ddl.lint;

import java.util.ArrayList;
import java.util.List;

/** Reads a list of tokens front to back, with the small look-ahead the DDL rules need. */
final class TokenCursor {
    private final List<DdlToken> tokens;
    private int position;

    TokenCursor(List<DdlToken> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return position >= tokens.size();
    }

    DdlToken peek() {
        return peek(0);
    }

    DdlToken peek(int ahead) {
        int i = position + ahead;
        return i < tokens.size() ? tokens.get(i) : null;
    }

    boolean peekWord(String word) {
        DdlToken token = peek();
        return token != null && token.isWord(word);
    }

    DdlToken next() {
        return atEnd() ? null : tokens.get(position++);
    }

    /** Consumes {@code word} when it is next. */
    boolean accept(String word) {
        if (peekWord(word)) {
            position++;
            return true;
        }
        return false;
    }

    /** Consumes the words in order when all of them are next. */
    boolean accept(String... words) {
        for (int i = 0; i < words.length; i++) {
            DdlToken token = peek(i);
            if (token == null || !token.isWord(words[i])) {
                return false;
            }
        }
        position += words.length;
        return true;
    }

    /**
     * Reads a possibly qualified name ({@code schema.table}, {@code "Quoted"}) and returns its last part, or null
     * when no name is next.
     */
    String name() {
        DdlToken token = peek();
        if (token == null || !token.isName()) {
            return null;
        }
        position++;
        String last = token.text();
        while (peek() != null && peek().isSymbol('.') && peek(1) != null && peek(1).isName()) {
            position += 2;
            last = tokens.get(position - 1).text();
        }
        return last;
    }

    /** The rest of the statement split at commas outside parentheses. */
    List<List<DdlToken>> remainingCommaSeparated() {
        List<List<DdlToken>> parts = new ArrayList<>();
        List<DdlToken> current = new ArrayList<>();
        int depth = 0;
        while (!atEnd()) {
            DdlToken token = next();
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && (token.isSymbol(',') || token.isSymbol(';'))) {
                if (!current.isEmpty()) {
                    parts.add(current);
                }
                current = new ArrayList<>();
                continue;
            }
            current.add(token);
        }
        if (!current.isEmpty()) {
            parts.add(current);
        }
        return parts;
    }

    /** True when the words appear consecutively anywhere in the remaining tokens, outside parentheses. */
    boolean containsAhead(String... words) {
        int depth = 0;
        for (int i = position; i < tokens.size(); i++) {
            DdlToken token = tokens.get(i);
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && matchesAt(i, words)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAt(int start, String[] words) {
        for (int j = 0; j < words.length; j++) {
            int i = start + j;
            if (i >= tokens.size() || !tokens.get(i).isWord(words[j])) {
                return false;
            }
        }
        return true;
    }

    /** Skips a parenthesised group if one is next. */
    void skipParenthesised() {
        if (peek() == null || !peek().isSymbol('(')) {
            return;
        }
        int depth = 0;
        while (!atEnd()) {
            DdlToken token = next();
            if (token.isSymbol('(')) {
                depth++;
            } else if (token.isSymbol(')') && --depth == 0) {
                return;
            }
        }
    }
}
