package org.strokescan.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.inference.boundary.ModelNotReadyException;

/**
 * The pictures of an examination page: {@code <folder>/slices/<prediction>/image} is the uploaded slice as
 * stored, {@code .../heatmap} its Grad-CAM overlay. The folder's security constraint says who may ask, the
 * subclass's boundary what they may see; what they may not see answers 404, like what does not exist. Nothing is
 * cached.
 */
public abstract class SliceImageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/([0-9a-f-]{36})/(image|heatmap)");

    protected abstract Optional<StoredImage> image(String predictionId);

    /** @throws ModelNotReadyException when the heat map cannot be drawn now */
    protected abstract Optional<byte[]> heatmap(String predictionId);

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
            Optional<StoredImage> image = image(id);
            bytes = image.map(StoredImage::content);
            type = image.map(i -> "JPEG".equals(i.format()) ? "image/jpeg" : "image/png").orElse(type);
        } else {
            try {
                bytes = heatmap(id);
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
