package io.querylens.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Grafana's provisioning files, the compose file and the Prometheus configuration fit each other. */
class ProvisioningTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void dashboardProviderLoadsTheFolderComposeMountsTheDashboardsAt() throws IOException {
        JsonNode provider = yaml("provisioning/dashboards/querylens.yml").path("providers").path(0);
        String providerPath = provider.path("options").path("path").asText();

        assertThat(provider.path("type").asText()).isEqualTo("file");
        assertThat(grafanaVolumes()).contains("./dashboards:" + providerPath + ":ro");
        assertThat(Files.isDirectory(Dashboard.moduleDir().resolve("dashboards"))).isTrue();
    }

    @Test
    void datasourceIsThePrometheusThatComposeRuns() throws IOException {
        JsonNode datasource = yaml("provisioning/datasources/querylens.yml").path("datasources").path(0);

        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(compose().path("services").has("prometheus")).isTrue();
        assertThat(grafanaVolumes()).contains("./provisioning:/etc/grafana/provisioning:ro");
    }

    @Test
    void prometheusScrapesTheCollectorOnItsPort() throws IOException {
        JsonNode scrape = yaml("prometheus.yml").path("scrape_configs").path(0);

        assertThat(scrape.path("static_configs").path(0).path("targets").path(0).asText()).isEqualTo("collector:9400");
        assertThat(scrape.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(compose().path("services").path("collector").path("image").asText()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(compose().path("services").path("collector").path("command").toString())
                .contains("--listen 0.0.0.0:9400").contains("-all.jar").contains("--queue /var/lib/querylens/queue");
    }

    private static String grafanaVolumes() throws IOException {
        return compose().path("services").path("grafana").path("volumes").toString();
    }

    private static JsonNode compose() throws IOException {
        return yaml("docker-compose.yml");
    }

    private static JsonNode yaml(String relativePath) throws IOException {
        Path file = Dashboard.moduleDir().resolve(relativePath);
        return YAML.readTree(file.toFile());
    }
}
