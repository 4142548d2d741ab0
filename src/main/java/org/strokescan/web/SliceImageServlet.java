package org.strokescan.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.inference.boundary.DicomFiles;
import org.strokescan.inference.boundary.ModelNotReadyException;

/**
 * The pictures of an examination page: {@code <folder>/slices/<prediction>/image} is the uploaded slice as
 * stored, {@code .../heatmap} its Grad-CAM overlay. The folder's security constraint says who may ask, the
 * subclass's boundary what they may see; what they may not see answers 404, like what does not exist. Nothing is
 * cached. The boundary records the first image and the first heat map read of each examination in a session;
 * the session remembers which it has recorded, so a page of 40 slices leaves two records, not 80.
 */
public abstract class SliceImageServlet extends HttpServlet {

    @Inject
    DicomFiles dicomFiles;

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/([0-9a-f-]{36})/(image|heatmap)");
    /** Session attribute: the read keys (action and examination) already recorded in this session. */
    static final String RECORDED = "strokescan.recordedReads";
    /** Past this many keys a session starts again from none: more records, never fewer. */
    static final int MAX_RECORDED = 10_000;

    /** @param firstRead says whether a read (named by action and examination) is to be recorded */
    protected abstract Optional<StoredImage> image(String predictionId, Predicate<String> firstRead);

    /** @throws ModelNotReadyException when the heat map cannot be drawn now */
    protected abstract Optional<byte[]> heatmap(String predictionId, Predicate<String> firstRead);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
        if (!path.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String id = path.group(1);
        Set<String> recorded = recorded(request.getSession(false));
        // keys claimed by this request: given back if the read fails, so that a later read is recorded instead
        List<String> claimed = new ArrayList<>();
        Predicate<String> firstRead = key -> {
            if (recorded.add(key)) {
                claimed.add(key);
                return true;
            }
            return false;
        };
        Optional<byte[]> bytes;
        String type = "image/png";
        try {
            if (path.group(2).equals("image")) {
                Optional<StoredImage> image = image(id, firstRead);
                // a DICOM slice is kept as the PACS sent it; browsers are shown it through the model's window
                bytes = image.flatMap(i -> "DICOM".equals(i.format()) ? dicomFiles.displayPng(i.content())
                        : Optional.of(i.content()));
                type = image.map(i -> "JPEG".equals(i.format()) ? "image/jpeg" : "image/png").orElse(type);
            } else {
                bytes = heatmap(id, firstRead);
            }
        } catch (ModelNotReadyException e) {
            recorded.removeAll(claimed);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        } catch (RuntimeException e) {
            recorded.removeAll(claimed);
            throw e;
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

    /** The session's recorded reads; without a session (never behind the login), a set that records every read. */
    private static Set<String> recorded(HttpSession session) {
        if (session == null) {
            return ConcurrentHashMap.newKeySet();
        }
        // the slices of a page load in parallel: one set per session, created once
        synchronized (SliceImageServlet.class) {
            @SuppressWarnings("unchecked")
            Set<String> keys = (Set<String>) session.getAttribute(RECORDED);
            if (keys == null || keys.size() > MAX_RECORDED) {
                keys = ConcurrentHashMap.newKeySet();
                session.setAttribute(RECORDED, keys);
            }
            return keys;
        }
    }
}
