package org.strokescan.cds.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * CDS Hooks lives at {@code /cds-services}, where EHRs look for it, outside the REST API's {@code /api/v1} and its
 * HTTP Basic: its calls carry the EHR's JWT instead. Only the hooks' own resource is served here.
 */
@ApplicationPath("/cds-services")
public class CdsActivation extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(CdsServicesResource.class);
    }
}
