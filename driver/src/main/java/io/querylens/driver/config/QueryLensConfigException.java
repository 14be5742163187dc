package io.querylens.driver.config;

import java.util.List;

/**
 * A configuration that cannot be used: thrown at start, before the first connection, with every problem listed
 * (key, value, where it came from, what is allowed).
 */
public final class QueryLensConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public QueryLensConfigException(List<String> problems) {
        super("Invalid QueryLens configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
