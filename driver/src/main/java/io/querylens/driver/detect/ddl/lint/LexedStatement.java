package io.querylens.driver.detect.ddl.lint;

import java.util.List;
import java.util.Set;

/**
 * A statement as tokens, with the names its {@code querylens:allow} comments excuse (rule names or finding kinds,
 * lower case).
 */
record LexedStatement(List<DdlToken> tokens, Set<String> allowedNames) {
}
