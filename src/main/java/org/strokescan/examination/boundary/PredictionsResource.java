package org.strokescan.examination.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.audit.entity.AuditOutcome;
import org.strokescan.audit.entity.AuditSubject;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.PredictionOutcome;
import org.strokescan.examination.entity.UploadKey;
import org.strokescan.inference.boundary.ModelNotReadyException;
import org.strokescan.inference.entity.GateVerdict;
import org.strokescan.inference.entity.IntakeResult;
import org.strokescan.inference.entity.RefusalReason;
import org.strokescan.platform.Problem;
import org.strokescan.platform.Role;

/**
 * {@code /api/v1/predictions}: classify a head-CT slice and read the result back (HTTP Basic, role CLINICIAN).
 * Errors are problem+json with a specific detail: 413 too large, 415 not PNG/JPEG, 422 unreadable or not a head-CT
 * slice, 503 model not ready.
 */
@Stateless
@Path("predictions")
@RolesAllowed(Role.CLINICIAN_NAME)
public class PredictionsResource {

    /** The JSON of a stored prediction. */
    public record PredictionJson(String id, String status, double probability, String label, double threshold,
                                 String modelName, String modelVersion, String modelChecksum, String patientId,
                                 String imageSha256, Instant createdAt, long latencyMicros, String heatmap,
                                 String examinationId) {
    }

    @Inject
    Predictions predictions;

    @Inject
    Examinations examinations;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "strokescan.upload.max-bytes")
    long maxBytes;

    @Inject
    PatientIdFormat patientIds;

    @Context
    UriInfo uri;

    @Resource
    SessionContext context;

    /** Visible ASCII: the key is compared as sent and must not smuggle anything into logs. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1," + UploadKey.MAX_LENGTH + "}");

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Classify one axial head-CT slice (multipart part 'image'; optional field 'patientId', which"
            + " makes it a one-slice examination of that patient, or 'examinationId' to add the slice to one of the"
            + " caller's open examinations)")
    @APIResponse(responseCode = "201", description = "classified and stored; Location points at the result")
    @APIResponse(responseCode = "413", description = "file or image too large")
    @APIResponse(responseCode = "415", description = "not a PNG or JPEG")
    @APIResponse(responseCode = "422", description = "unreadable, not a head-CT slice, or an Idempotency-Key sent"
            + " before with another upload")
    @APIResponse(responseCode = "404", description = "no such examination of the caller's")
    @APIResponse(responseCode = "409", description = "the examination is signed or full, or a copy of this upload"
            + " (the same Idempotency-Key) is being stored: send it again")
    @APIResponse(responseCode = "503", description = "the model is not ready")
    public Response create(List<EntityPart> parts,
                           @Parameter(description = "any unique text of up to 64 characters (a UUID): sent again"
                                   + " with the same key, the upload is answered with what the first stored, never"
                                   + " stored twice")
                           @HeaderParam("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return Problem.response(400, "Bad request", "The Idempotency-Key must be 1 to " + UploadKey.MAX_LENGTH
                    + " visible ASCII characters.");
        }
        Optional<EntityPart> image = part(parts, "image");
        if (image.isEmpty()) {
            return Problem.response(400, "Bad request", "The request has no multipart part named 'image'.");
        }
        String patientId;
        String examinationId;
        byte[] content;
        try {
            patientId = field(parts, "patientId");
            examinationId = field(parts, "examinationId");
            try (InputStream in = image.get().getContent()) {
                content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            }
        } catch (FieldTooLong e) {
            return Problem.response(400, "Bad request", e.getMessage());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Problem.response(400, "Bad request", "The upload could not be read: " + e.getMessage());
        }
        if (patientId != null && !patientIds.accepts(patientId)) {
            // not recorded as a patient: the text is not one, and may be anything a caller typed
            audit.record(new AuditEntry(AuditAction.IMAGE_REJECTED, AuditSubject.NO_PATIENT, AuditOutcome.FAILURE,
                    "request: patientId not in the MRN format"));
            return Problem.response(400, "Bad request", "patientId does not have the hospital's MRN format.");
        }
        if (content.length > maxBytes) {
            audit.record(new AuditEntry(AuditAction.IMAGE_REJECTED, AuditSubject.patient(patientId),
                    AuditOutcome.FAILURE, IntakeResult.Reason.TOO_LARGE.audited()));
            return refusal(IntakeResult.Reason.TOO_LARGE, "The file is larger than the limit of " + maxBytes + " bytes.");
        }
        Optional<Prediction> earlier = predictions.storedUnder(idempotencyKey);
        if (earlier.isPresent()) {
            return sameUpload(earlier.get(), content, patientId, examinationId)
                    ? created(earlier.get()) // the same request again: its first answer was lost
                    : Problem.response(422, "Idempotency-Key reused", "The Idempotency-Key " + idempotencyKey
                            + " was sent before with another image or for another patient or examination; a new"
                            + " upload needs a new key.");
        }
        try {
            String fileName = image.get().getFileName().orElse(null);
            boolean started = examinationId == null && patientId != null;
            if (started) {
                // a slice for a patient is a one-slice examination, exactly as if uploaded in the browser
                examinationId = examinations.start(patientId, null, null).id();
            }
            PredictionOutcome outcome = examinationId == null ? predictions.predict(content, fileName, idempotencyKey)
                    : examinations.addSlice(examinationId, content, fileName, idempotencyKey);
            if (started && outcome instanceof PredictionOutcome.Stored stored
                    && !examinationId.equals(stored.prediction().examinationId())) {
                // a copy of this upload, sent at the same time, stored it first (in its own examination): the
                // examination started for this copy is not kept
                context.setRollbackOnly();
            }
            return switch (outcome) {
                case PredictionOutcome.Stored stored -> created(stored.prediction());
                case PredictionOutcome.Rejected rejected -> refusal(rejected.refusal().reason(), rejected.refusal().message());
            };
        } catch (ModelNotReadyException e) {
            return Problem.response(503, "Model not ready", e.getMessage());
        } catch (ExaminationException e) {
            return ExaminationsResource.problem(e);
        } catch (EJBException e) {
            if (idempotencyKey == null || !keyTaken(e)) {
                throw e;
            }
            // a copy of this upload sent at the same time stored its key first; this one is undone
            return Problem.response(409, "Upload in progress", "An upload with the Idempotency-Key " + idempotencyKey
                    + " is being stored by another request; send it again with the same key for its answer.");
        }
    }

    /** The request sent again under its key: the same image, for the same patient or examination if it named one. */
    private static boolean sameUpload(Prediction earlier, byte[] content, String patientId, String examinationId) {
        return earlier.imageSha256().equals(PredictionRecorder.sha256(content))
                && (patientId == null || patientId.equals(earlier.patientId()))
                && (examinationId == null || examinationId.equals(earlier.examinationId()));
    }

    /** The key's row was written by another transaction meanwhile: a unique constraint (SQLSTATE class 23). */
    private static boolean keyTaken(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "One of the caller's predictions")
    public Response read(@PathParam("id") String id) {
        return predictions.find(id).map(p -> Response.ok(json(p), MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Problem.response(404, "Not found", "No prediction " + id + " of yours exists."));
    }

    @GET
    @Path("{id}/heatmap")
    @Produces({"image/png", Problem.MEDIA_TYPE})
    @Operation(summary = "The Grad-CAM heat map of a prediction, drawn over its image (PNG)")
    public Response heatmap(@PathParam("id") String id) {
        try {
            // One audit record per request: the API keeps no session to remember earlier reads in, and a window
            // per caller and examination would need state shared by every server of a cluster and would drop
            // records whenever that state is lost. API clients ask for a heat map one prediction at a time, not a
            // page of thumbnails, so a record per request stays small.
            return predictions.heatmap(id, key -> true).map(png -> Response.ok(png, "image/png").build())
                    .orElseGet(() -> Problem.response(404, "Not found", "No prediction " + id + " of yours exists."));
        } catch (ModelNotReadyException e) {
            return Problem.response(503, "Model not ready", e.getMessage());
        }
    }

    private Response created(Prediction prediction) {
        PredictionJson json = json(prediction);
        return Response.created(uri.getBaseUriBuilder().path("predictions").path(json.id()).build())
                .type(MediaType.APPLICATION_JSON).entity(json).build();
    }

    PredictionJson json(Prediction p) {
        return new PredictionJson(p.id(), "ok", p.probability(), p.positive() ? "positive" : "negative", p.threshold(),
                p.modelName(), p.modelVersion(), p.modelChecksum(), p.patientId(), p.imageSha256(), p.createdAt(),
                p.latencyMicros(), uri.getBaseUriBuilder().path("predictions").path(p.id()).path("heatmap").build().toString(),
                p.examinationId());
    }

    /** The status and title of the problem that answers a refused upload. */
    record RefusalStatus(int status, String title) {
    }

    /** Every reason has its answer: a new reason does not compile until it is given one here. */
    static RefusalStatus status(RefusalReason reason) {
        return switch (reason) {
            case IntakeResult.Reason intake -> switch (intake) {
                case UNSUPPORTED_TYPE, UNSUPPORTED_TRANSFER_SYNTAX, UNSUPPORTED_PIXEL_FORMAT -> new RefusalStatus(415, "Unsupported media type");
                case TOO_LARGE, TOO_MANY_PIXELS -> new RefusalStatus(413, "Payload too large");
                case EMPTY, CORRUPT, TRUNCATED -> new RefusalStatus(422, "Unreadable image");
            };
            case GateVerdict.Reason gate -> new RefusalStatus(422, "Not a head-CT slice");
        };
    }

    private static Response refusal(RefusalReason reason, String message) {
        RefusalStatus answer = status(reason);
        return Problem.response(answer.status(), answer.title(), message);
    }

    private static Optional<EntityPart> part(List<EntityPart> parts, String name) {
        return parts == null ? Optional.empty() : parts.stream().filter(p -> name.equals(p.getName())).findFirst();
    }

    /** The longest text field taken: the database keeps patient identifiers in 64 characters, examination ids are 36. */
    static final int MAX_FIELD_BYTES = 64;

    private String field(List<EntityPart> parts, String name) throws IOException {
        Optional<EntityPart> part = part(parts, name);
        if (part.isEmpty()) {
            return null;
        }
        String text = text(part.get(), name);
        return text.isEmpty() ? null : text;
    }

    /** A text field read up to its limit only: a longer one is refused without ever becoming a string. */
    static String text(EntityPart part, String name) throws IOException {
        byte[] bytes;
        try (InputStream in = part.getContent()) {
            bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
        }
        if (bytes.length > MAX_FIELD_BYTES) {
            throw new FieldTooLong("The field " + name + " is longer than " + MAX_FIELD_BYTES + " bytes.");
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    /** A multipart text field longer than any value it may take. */
    static final class FieldTooLong extends IOException {

        private static final long serialVersionUID = 1L;

        FieldTooLong(String message) {
            super(message);
        }
    }
}
