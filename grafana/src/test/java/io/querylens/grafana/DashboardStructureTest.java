package io.querylens.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardStructureTest {
    /** Links between dashboards and users' bookmarks use these: changing one breaks them. */
    private static final List<String> STABLE_UIDS =
            List.of("querylens-database", "querylens-findings", "querylens-overview", "querylens-shape");

    private static final String DATASOURCE_REFERENCE = "${datasource}";

    @Test
    void dashboardsHaveTheirStableUniqueUids() {
        List<String> uids = Dashboard.all().stream().map(Dashboard::uid).sorted().toList();

        assertThat(uids).containsExactlyElementsOf(STABLE_UIDS);
    }

    @Test
    void everyDashboardOffersAPrometheusDatasourceVariable() {
        for (Dashboard dashboard : Dashboard.all()) {
            JsonNode variable = dashboard.variables().stream()
                    .filter(v -> v.path("name").asText().equals("datasource")).findFirst()
                    .orElseThrow(() -> new AssertionError(dashboard.name() + " has no datasource variable"));

            assertThat(variable.path("type").asText()).as(dashboard.name()).isEqualTo("datasource");
            assertThat(variable.path("query").asText()).as(dashboard.name()).isEqualTo("prometheus");
        }
    }

    @Test
    void everyPanelAndTargetQueriesTheDatasourceVariable() {
        List<String> wrong = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.all()) {
            for (JsonNode panel : dashboard.panels()) {
                String where = dashboard.uid() + " / " + panel.path("title").asText();
                if (!panel.path("datasource").path("uid").asText().equals(DATASOURCE_REFERENCE)) {
                    wrong.add(where + ": panel datasource " + panel.path("datasource"));
                }
                for (JsonNode target : panel.path("targets")) {
                    JsonNode datasource = target.path("datasource");
                    if (!datasource.isMissingNode() && !datasource.path("uid").asText().equals(DATASOURCE_REFERENCE)) {
                        wrong.add(where + ": target datasource " + datasource);
                    }
                }
            }
            for (JsonNode variable : dashboard.variables()) {
                if (variable.path("type").asText().equals("query")
                        && !variable.path("datasource").path("uid").asText().equals(DATASOURCE_REFERENCE)) {
                    wrong.add(dashboard.uid() + ": variable " + variable.path("name").asText());
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void panelIdsAreUniqueWithinEachDashboard() {
        for (Dashboard dashboard : Dashboard.all()) {
            Set<Integer> seen = new HashSet<>();
            for (JsonNode panel : dashboard.panels()) {
                assertThat(panel.path("id").isInt()).as(dashboard.name() + " panel without id").isTrue();
                assertThat(seen.add(panel.path("id").asInt()))
                        .as(dashboard.name() + " repeats panel id " + panel.path("id")).isTrue();
            }
        }
    }

    @Test
    void everyPanelHasATargetWithAnExpression() {
        List<String> empty = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.all()) {
            assertThat(dashboard.panels()).as(dashboard.name()).isNotEmpty();
            for (JsonNode panel : dashboard.panels()) {
                boolean hasExpression = false;
                for (JsonNode target : panel.path("targets")) {
                    hasExpression |= !target.path("expr").asText("").isBlank();
                }
                if (!hasExpression) {
                    empty.add(dashboard.uid() + " / " + panel.path("title").asText());
                }
            }
        }

        assertThat(empty).isEmpty();
    }

    /** "All" means the regular expression {@code .*}: an equality matcher would then select nothing. */
    @Test
    void templateVariablesAreMatchedAsRegularExpressions() {
        Pattern equalityOnVariable = Pattern.compile("[a-z_]+\\s*!?=\\s*\"\\$");
        List<String> wrong = new ArrayList<>();
        for (Dashboard dashboard : Dashboard.all()) {
            for (PanelQuery query : dashboard.queries()) {
                Matcher matcher = equalityOnVariable.matcher(query.expr());
                if (matcher.find()) {
                    wrong.add(query + ": " + matcher.group());
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void shapeDrillDownOffersTheShapesOfTheLatencyHistogram() {
        JsonNode shape = Dashboard.byUid("querylens-shape").variables().stream()
                .filter(v -> v.path("name").asText().equals("shape")).findFirst()
                .orElseThrow(() -> new AssertionError("querylens-shape has no shape variable"));

        assertThat(shape.path("query").path("query").asText())
                .isEqualTo("label_values(querylens_query_duration_seconds_bucket, shape)");
        assertThat(Dashboard.byUid("querylens-shape").panels())
                .anySatisfy(panel -> assertThat(panel.path("type").asText()).isEqualTo("heatmap"));
    }
}
