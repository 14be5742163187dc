package io.querylens.driver.detect.ddl.lint;

/** A migration text the linter cannot read (unterminated string, comment or dollar quote), with where it went wrong. */
public final class UnparsableSqlException extends Exception {
    private final int line;

    public UnparsableSqlException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** 1-based line where the construct that never ends begins. */
    public int line() {
        return line;
    }
}
