package org.strokescan.audit.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.strokescan.audit.control.CheckpointFile;
import org.strokescan.platform.Problem;
import org.strokescan.platform.Role;

/**
 * {@code GET /api/v1/audit/checkpoints}: the signed checkpoints of the audit chain, for an auditor to keep outside
 * the server and check with {@code audit-verify --checkpoints}; {@code …/public-key} the key that verifies them.
 */
@Stateless
@Path("audit/checkpoints")
public class AuditCheckpointsResource {

    static final String JSON_LINES = "application/jsonl";

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AuditTrail audit;

    @GET
    @Produces({JSON_LINES, Problem.MEDIA_TYPE})
    @RolesAllowed(Role.AUDITOR_NAME)
    @Operation(summary = "The audit chain's signed checkpoints, one JSON object a line (empty while none is written)")
    public Response file() throws IOException {
        byte[] file = checkpoints.file();
        audit.checkpointsExported(new String(file, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).count());
        return Response.ok(file, JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"" + CheckpointFile.NAME + "\"").build();
    }

    @GET
    @Path("public-key")
    @Produces({"application/x-pem-file", Problem.MEDIA_TYPE})
    @RolesAllowed(Role.AUDITOR_NAME)
    @Operation(summary = "The Ed25519 public key (PEM) that verifies the checkpoints; 404 while signing is off")
    public Response publicKey() {
        return checkpoints.publicKey().map(pem -> Response.ok(pem, "application/x-pem-file").build())
                .orElseGet(() -> Problem.response(404, "Not found",
                        "Audit checkpoints are not signed: STROKESCAN_AUDIT_CHECKPOINT_KEY is not set"));
    }
}
