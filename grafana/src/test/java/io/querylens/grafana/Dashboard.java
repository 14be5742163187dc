package io.querylens.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One dashboard JSON file of {@code grafana/dashboards/}, read the way Grafana's provisioning reads it. */
record Dashboard(Path file, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The module's folder: Surefire and Failsafe set {@code basedir}; an IDE usually runs in it. */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    static Path dashboardsDir() {
        return moduleDir().resolve("dashboards");
    }

    static List<Dashboard> all() {
        try (Stream<Path> files = Files.list(dashboardsDir())) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().map(Dashboard::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dashboard read(Path file) {
        try {
            return new Dashboard(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + file, e);
        }
    }

    static Dashboard byUid(String uid) {
        return all().stream().filter(dashboard -> dashboard.uid().equals(uid)).findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard with uid " + uid + " in " + dashboardsDir()));
    }

    String uid() {
        return json.path("uid").asText();
    }

    String name() {
        return file.getFileName().toString();
    }

    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        json.path("panels").forEach(panels::add);
        return panels;
    }

    Optional<JsonNode> panel(String title) {
        return panels().stream().filter(panel -> panel.path("title").asText().equals(title)).findFirst();
    }

    List<JsonNode> variables() {
        List<JsonNode> variables = new ArrayList<>();
        json.path("templating").path("list").forEach(variables::add);
        return variables;
    }

    /** Every PromQL expression of every panel target. */
    List<PanelQuery> queries() {
        List<PanelQuery> queries = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new PanelQuery(uid(), panel.path("id").asInt(), panel.path("title").asText(),
                        target.path("refId").asText(), target.path("expr").asText("")));
            }
        }
        return queries;
    }

    /** The queries of the template variables ({@code label_values(metric, label)}), where they have one. */
    List<String> variableQueries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode variable : variables()) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asText() : query.asText());
            }
        }
        return queries;
    }
}
