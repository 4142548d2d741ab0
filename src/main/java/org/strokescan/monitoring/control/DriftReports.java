package org.strokescan.monitoring.control;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.strokescan.monitoring.entity.DriftReport;

/** A drift report as JSON (stored, served by the API and posted to the webhook) and back. */
public final class DriftReports {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private DriftReports() {
    }

    /** The report with {@code alarm} (any metric's) beside its fields. */
    public static String toJson(DriftReport report) {
        var tree = GSON.toJsonTree(report).getAsJsonObject();
        tree.addProperty("alarm", report.alarm());
        return GSON.toJson(tree);
    }

    public static DriftReport fromJson(String json) {
        return GSON.fromJson(json, DriftReport.class);
    }
}
