package io.querylens.grafana;

/** One target of one panel: where it is, and its PromQL as written in the dashboard (template variables and all). */
record PanelQuery(String dashboardUid, int panelId, String panelTitle, String refId, String expr) {
    @Override
    public String toString() {
        return dashboardUid + " / " + panelTitle + " (panel " + panelId + ", " + refId + ")";
    }
}
