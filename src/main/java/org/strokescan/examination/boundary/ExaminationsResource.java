package org.strokescan.examination.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.strokescan.examination.entity.Examination;
import org.strokescan.examination.entity.ExaminationRecord;
import org.strokescan.examination.entity.Prediction;
import org.strokescan.examination.entity.RejectedUpload;
import org.strokescan.examination.entity.Review;
import org.strokescan.platform.Problem;
import org.strokescan.platform.Role;

/**
 * {@code /api/v1/examinations}: the clinician workflow for integrations (HTTP Basic, role CLINICIAN). Start an
 * examination, add slices with {@code POST /api/v1/predictions} and its {@code examinationId} field, read the
 * study back, sign it and amend it. The caller's own examinations only.
 */
@Stateless
@Path("examinations")
@RolesAllowed(Role.CLINICIAN_NAME)
public class ExaminationsResource {

    public record StartJson(String patientId, String accessionNumber, String note) {
    }

    public record ReviewRequestJson(Boolean agrees, String comment) {
    }

    public record SliceJson(String predictionId, String fileName, double probability, String label, double threshold,
                            String model, String imageSha256, String heatmap) {
    }

    public record RejectionJson(String fileName, String stage, String reason, String message) {
    }

    /** {@code verdict}: the AI's study verdict it was signed against; {@code finding}: the clinician's own. */
    public record ReviewJson(int sequence, String kind, String signedBy, Instant signedAt, boolean agrees,
                             String comment, String verdict, String finding) {
    }

    /**
     * {@code verdict} is the AI's study verdict. Once signed, {@code clinicianFinding} (SUSPECTED or NOT_DETECTED)
     * is the clinician's finding from the review that stands now, with who signed it and when and whether it agrees
     * with the AI; the four are left out while the study is unsigned.
     */
    public record ExaminationJson(String id, String patientId, String accessionNumber, String note,
                                  Instant createdAt, String verdict, Double studyProbability, Double studyThreshold,
                                  Double maxProbability, int sliceCount,
                                  int rejectedCount, String reviewState, List<SliceJson> slices,
                                  List<RejectionJson> rejections, List<ReviewJson> reviews,
                                  String clinicianFinding, Boolean clinicianAgreesWithAi, String clinicianFindingBy,
                                  Instant clinicianFindingAt) {
    }

    @Inject
    Examinations examinations;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Start an examination for a patient (JSON: patientId, optional accessionNumber and note)")
    @APIResponse(responseCode = "201", description = "started; Location points at it")
    @APIResponse(responseCode = "400", description = "patient identifier not in the MRN format, or text too long")
    public Response start(StartJson request) {
        if (request == null) {
            return Problem.response(400, "Bad request", "The body must be a JSON object with a patientId.");
        }
        try {
            Examination examination = examinations.start(request.patientId(), request.accessionNumber(), request.note());
            return Response.created(uri.getBaseUriBuilder().path("examinations").path(examination.id()).build())
                    .type(MediaType.APPLICATION_JSON)
                    .entity(json(new ExaminationRecord(examination, List.of(), List.of(), List.of()))).build();
        } catch (ExaminationException e) {
            return problem(e);
        }
    }

    @GET
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "One of the caller's examinations with its slices (most suspicious first), refusals and reviews")
    public Response read(@PathParam("id") String id) {
        try {
            return Response.ok(json(examinations.open(id)), MediaType.APPLICATION_JSON).build();
        } catch (ExaminationException e) {
            return problem(e);
        }
    }

    @POST
    @Path("{id}/signature")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Sign the study (JSON: agrees, optional comment); it is final from then on")
    @APIResponse(responseCode = "409", description = "already signed, or nothing to sign")
    public Response sign(@PathParam("id") String id, ReviewRequestJson request) {
        return review(id, request, false);
    }

    @POST
    @Path("{id}/amendments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Amend a signed study (JSON: agrees, optional comment); earlier reviews stay")
    @APIResponse(responseCode = "409", description = "not signed yet")
    public Response amend(@PathParam("id") String id, ReviewRequestJson request) {
        return review(id, request, true);
    }

    private Response review(String id, ReviewRequestJson request, boolean amendment) {
        if (request == null || request.agrees() == null) {
            return Problem.response(400, "Bad request", "The body must be a JSON object with agrees: true or false.");
        }
        try {
            Review review = amendment ? examinations.amend(id, request.agrees(), request.comment())
                    : examinations.sign(id, request.agrees(), request.comment());
            return Response.status(201).type(MediaType.APPLICATION_JSON).entity(json(review)).build();
        } catch (ExaminationException e) {
            return problem(e);
        }
    }

    static Response problem(ExaminationException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> Problem.response(404, "Not found", e.getMessage());
            case PATIENT_ID_FORMAT, TOO_LONG -> Problem.response(400, "Bad request", e.getMessage());
            case SIGNED, FULL, NOTHING_TO_SIGN, WRONG_REVIEW_STATE -> Problem.response(409, "Conflict", e.getMessage());
        };
    }

    private ExaminationJson json(ExaminationRecord record) {
        Examination e = record.examination();
        Review current = record.currentReview().orElse(null);
        return new ExaminationJson(e.id(), e.patientId(), e.accessionNumber(), e.clinicalNote(), e.createdAt(),
                e.verdict().name(), e.studyProbability(), e.studyThreshold(), e.maxProbability(), e.sliceCount(),
                e.rejectedCount(), e.reviewState().name(),
                record.slices().stream().map(this::json).toList(),
                record.rejections().stream().map(ExaminationsResource::json).toList(),
                record.reviews().stream().map(ExaminationsResource::json).toList(),
                current == null ? null : current.finding().name(), current == null ? null : current.agrees(),
                current == null ? null : current.signedBy(), current == null ? null : current.signedAt());
    }

    private SliceJson json(Prediction p) {
        return new SliceJson(p.id(), p.fileName(), p.probability(), p.positive() ? "positive" : "negative",
                p.threshold(), p.modelName() + "/" + p.modelVersion(), p.imageSha256(),
                uri.getBaseUriBuilder().path("predictions").path(p.id()).path("heatmap").build().toString());
    }

    private static RejectionJson json(RejectedUpload r) {
        return new RejectionJson(r.fileName(), r.stage(), r.reason(), r.message());
    }

    private static ReviewJson json(Review r) {
        return new ReviewJson(r.sequence(), r.amendment() ? "amendment" : "signature", r.signedBy(), r.signedAt(),
                r.agrees(), r.comment(), r.verdict().name(), r.finding().name());
    }
}
