package io.querylens.driver.sql;

/** The shape of a statement in each dialect, as the lexer tests write it: {@code pg("…")}, {@code mysql("…")}. */
final class Shapes {

    private Shapes() {
    }

    static QueryShape pg(String sql) {
        return Fingerprinter.fingerprint(sql, Dialect.POSTGRESQL);
    }

    static QueryShape mysql(String sql) {
        return Fingerprinter.fingerprint(sql, Dialect.MYSQL);
    }
}
