package org.strokescan.examination.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.strokescan.examination.entity.WorklistEntry;
import org.strokescan.platform.Role;

/** {@code GET /api/v1/worklist}: the clinician's triage worklist as JSON (see {@link Worklist}). */
@Stateless
@Path("worklist")
@RolesAllowed(Role.CLINICIAN_NAME)
public class WorklistResource {

    @Inject
    Worklist worklist;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The department's studies from the PACS and the caller's own uploads, suspected first;"
            + " verdict suspected, not-suspected or pending while being classified")
    public List<WorklistEntry> entries() {
        return worklist.entries();
    }
}
