package org.strokescan.web.clinician;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import java.util.Optional;
import java.util.function.Predicate;
import org.strokescan.examination.boundary.Predictions;
import org.strokescan.examination.entity.StoredImage;
import org.strokescan.web.SliceImageServlet;

/** The signed-in clinician's own slices and heat maps ({@code /clinician/*}: role CLINICIAN). */
@WebServlet("/clinician/slices/*")
public class OwnSliceImages extends SliceImageServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    Predictions predictions;

    @Override
    protected Optional<StoredImage> image(String predictionId, Predicate<String> firstRead) {
        return predictions.image(predictionId, firstRead);
    }

    @Override
    protected Optional<byte[]> heatmap(String predictionId, Predicate<String> firstRead) {
        return predictions.heatmap(predictionId, firstRead);
    }
}
