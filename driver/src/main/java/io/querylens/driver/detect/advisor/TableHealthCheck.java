package io.querylens.driver.detect.advisor;

import io.querylens.driver.finding.Finding;
import io.querylens.driver.finding.FindingKind;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

final class TableHealthCheck implements SchemaCheck {
    private final Map<String, List<HealthSample>> latest = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return FindingKind.TABLE_HEALTH.wireName();
    }

    @Override
    public List<Finding> run(CheckInput input) throws SQLException {
        return List.of();
    }

    List<HealthSample> latest() {
        List<HealthSample> all = new ArrayList<>();
        latest.values().forEach(all::addAll);
        return all;
    }
}
