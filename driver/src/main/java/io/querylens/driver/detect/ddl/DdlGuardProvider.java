package io.querylens.driver.detect.ddl;

import io.querylens.driver.config.ConfigKey;
import io.querylens.driver.config.QueryLensConfig;
import io.querylens.driver.config.QueryLensConfigException;
import io.querylens.driver.detect.Detector;
import io.querylens.driver.detect.DetectorContext;
import io.querylens.driver.detect.DetectorProvider;
import io.querylens.driver.detect.ddl.lint.LintRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds the DDL guard from {@code querylens.ddl.*}; none when both the guard and the lint are off. */
public final class DdlGuardProvider implements DetectorProvider {

    @Override
    public String name() {
        return DdlOutsideMigrationDetector.NAME;
    }

    @Override
    public Detector create(DetectorContext context) {
        QueryLensConfig config = context.config();
        DdlMode mode = DdlMode.fromConfig(config.choice(ConfigKey.DDL_MODE));
        boolean lint = config.bool(ConfigKey.DDL_LINT);
        if (mode == DdlMode.OFF && !lint) {
            return null;
        }
        return new DdlOutsideMigrationDetector(mode, lint, config.list(ConfigKey.DDL_ALLOWED_CALLERS),
                config.list(ConfigKey.CALL_SITE_SKIP_PREFIXES), disabledRules(config),
                context.shapes(), context.findings(), context.faults());
    }

    /** Unknown rule names fail loudly at start, like every other configuration error: a typo must not look applied. */
    static Set<LintRule> disabledRules(QueryLensConfig config) {
        Set<LintRule> rules = EnumSet.noneOf(LintRule.class);
        List<String> unknown = new ArrayList<>();
        for (String name : config.list(ConfigKey.DDL_DISABLED_RULES)) {
            LintRule rule = LintRule.fromRuleName(name.toLowerCase(Locale.ROOT));
            if (rule == null) {
                unknown.add(name);
            } else {
                rules.add(rule);
            }
        }
        if (!unknown.isEmpty()) {
            throw new QueryLensConfigException(List.of(ConfigKey.DDL_DISABLED_RULES.key() + " = \""
                    + config.string(ConfigKey.DDL_DISABLED_RULES) + "\" (from "
                    + config.source(ConfigKey.DDL_DISABLED_RULES) + "): unknown rule " + String.join(", ", unknown)
                    + "; expected rule names from "
                    + Arrays.stream(LintRule.values()).map(LintRule::ruleName).toList()));
        }
        return rules;
    }
}
