package org.strokescan.web.auditor;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import java.util.Optional;
import java.util.function.Predicate;
import org.strokescan.examination.boundary.PredictionHistory;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.web.SliceImageServlet;

/** Every clinician's slices and heat maps for the auditor's drill-down ({@code /auditor/*}: role AUDITOR). */
@WebServlet("/auditor/slices/*")
public class AuditedSliceImages extends SliceImageServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    PredictionHistory history;

    @Override
    protected Optional<StoredImage> image(String predictionId, Predicate<String> firstRead) {
        return history.image(predictionId, firstRead);
    }

    @Override
    protected Optional<byte[]> heatmap(String predictionId, Predicate<String> firstRead) {
        return history.heatmap(predictionId, firstRead);
    }
}
