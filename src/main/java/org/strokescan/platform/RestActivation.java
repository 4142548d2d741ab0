package org.strokescan.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under /api/v1 (HTTP Basic, see the security component); OpenAPI at /openapi. */
@ApplicationPath("/api/v1")
public class RestActivation extends Application {
}
