package org.strokescan.platform;

import jakarta.json.Json;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, the error format of the REST API. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static String json(int status, String title, String detail, String instance) {
        var problem = Json.createObjectBuilder().add("type", "about:blank").add("title", title).add("status", status);
        if (detail != null) {
            problem.add("detail", detail);
        }
        if (instance != null) {
            problem.add("instance", instance);
        }
        return problem.build().toString();
    }

    public static Response response(int status, String title, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(json(status, title, detail, null)).build();
    }
}
