package org.strokescan.pacs.boundary;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.pacs.control.MultipartRelated;
import org.strokescan.pacs.control.StowResponses;
import org.strokescan.pacs.entity.StowOutcome;

/**
 * DICOMweb STOW-RS (PS3.18 10.5): {@code POST /dicomweb/studies} and {@code POST /dicomweb/studies/{StudyInstanceUID}}
 * with {@code multipart/related; type="application/dicom"}, from a sending system (HTTP Basic, role INTEGRATION; see
 * web.xml). A servlet rather than a JAX-RS resource: the REST application owns {@code /api/v1}, and DICOMweb has its
 * own root. It only parses and answers; {@link DicomReceiver} decides and stores.
 */
@WebServlet(urlPatterns = {"/dicomweb/studies", "/dicomweb/studies/*"})
public class StowServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(StowServlet.class.getName());

    @Inject
    DicomReceiver receiver;

    @Inject
    @ConfigProperty(name = "strokescan.pacs.max-request-bytes")
    long maxBytes;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> study = studyInPath(request.getPathInfo());
        if (study.isPresent() && !study.get().matches("[0-9A-Za-z._-]{1,64}")) {
            answer(response, 404, StowResponses.refused("No study of that name can exist: " + study.get()));
            return;
        }
        List<MultipartRelated.Part> parts;
        try {
            parts = MultipartRelated.parts(request.getContentType(), request.getInputStream(), maxBytes);
        } catch (MultipartRelated.Refused refused) {
            answer(response, refused.status(), StowResponses.refused(refused.getMessage()));
            return;
        }
        List<byte[]> instances = parts.stream().map(MultipartRelated.Part::content).toList();
        List<StowOutcome> outcomes;
        try {
            outcomes = receiver.store(instances, study);
        } catch (EJBException first) {
            // two requests opening the same new study at once: one wins the unique StudyInstanceUID, the other
            // (rolled back whole) finds the study on a second try; a resend stores nothing twice
            LOG.log(Level.INFO, "event=stow.retry " + first.getMessage());
            try {
                outcomes = receiver.store(instances, study);
            } catch (EJBException again) {
                LOG.log(Level.SEVERE, "event=stow.failed", again);
                // our failure, not the sender's: 503 tells a PACS to send again later (409 would be final)
                response.setHeader("Retry-After", "30");
                answer(response, 503, StowResponses.body(instances.stream().map(i -> StowOutcome.failed(null, null,
                        StowOutcome.PROCESSING_FAILURE, "StrokeScan could not store the instance; nothing of this"
                                + " request was kept, send it again.")).toList()));
                return;
            }
        }
        answer(response, StowResponses.status(outcomes), StowResponses.body(outcomes));
    }

    private static Optional<String> studyInPath(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/")) {
            return Optional.empty();
        }
        return Optional.of(pathInfo.substring(1));
    }

    private static void answer(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType(StowResponses.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body.toString());
    }
}
