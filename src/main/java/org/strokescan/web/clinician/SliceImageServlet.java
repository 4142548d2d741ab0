package org.strokescan.web.clinician;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.strokescan.examination.boundary.Predictions;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.inference.boundary.ModelNotReadyException;

/**
 * The pictures of the examination page, for the signed-in clinician (the {@code /clinician/*} constraint):
 * {@code /clinician/slices/<prediction>/image} is the uploaded slice as stored, {@code .../heatmap} its
 * Grad-CAM overlay. Another clinician's prediction answers 404, like one that does not exist; nothing is cached.
 */
@WebServlet("/clinician/slices/*")
public class SliceImageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/([0-9a-f-]{36})/(image|heatmap)");

    @Inject
    Predictions predictions;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
        if (!path.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String id = path.group(1);
        Optional<byte[]> bytes;
        String type = "image/png";
        if (path.group(2).equals("image")) {
            Optional<StoredImage> image = predictions.image(id);
            bytes = image.map(StoredImage::content);
            type = image.map(i -> "JPEG".equals(i.format()) ? "image/jpeg" : "image/png").orElse(type);
        } else {
            try {
                bytes = predictions.heatmap(id);
            } catch (ModelNotReadyException e) {
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                return;
            }
        }
        if (bytes.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(type);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.get().length);
        response.getOutputStream().write(bytes.get());
    }
}
