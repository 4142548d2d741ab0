package org.strokescan.inference.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.Explanation;
import org.strokescan.inference.entity.ModelStatus;
import org.strokescan.inference.entity.ModelIdentity;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.platform.Metrics;
import org.strokescan.platform.Role;

/** Classifies uploaded images with the active model; clinicians only (and the PACS intake's worker). */
@Stateless
@RolesAllowed(Role.CLINICIAN_NAME)
public class Classifier {

    static final Metadata INFERENCE = Metrics.seconds("strokescan_inference",
            "Time to classify one image that was classified: decoding, gate, preprocessing and the engine call");
    static final Metadata BATCH_SIZE = Metrics.described("strokescan_inference_batch_size",
            "Images in one engine call");

    @Inject
    Models models;

    @Inject
    MetricRegistry registry;

    /** @throws ModelNotReadyException while the model loads, or when it could not be loaded */
    public Classification classify(byte[] content) {
        Classification result = ready().classify(content);
        if (result instanceof Classification.Classified classified) {
            Metrics.update(registry, r -> Metrics.timer(r, INFERENCE, model(classified.model()))
                    .update(Duration.ofNanos(classified.latencyNanos())));
        }
        return result;
    }

    /**
     * Classifies a slice of a study a PACS sent, for the PACS intake's worker: it acts with no caller after the
     * receiver checked the sending system's role (INTEGRATION), and no page or resource reaches it.
     */
    @PermitAll
    public Classification classifyReceived(byte[] content) {
        return classify(content);
    }

    /** The {@code model} label of the inference metrics: {@code <name>/<version>}. */
    static Tag model(ModelIdentity identity) {
        return new Tag("model", identity.toString());
    }

    /** Records each engine call's size of this classifier in {@code strokescan_inference_batch_size}. */
    static void measureBatches(ImageClassifier classifier, MetricRegistry registry) {
        Tag model = model(classifier.model());
        classifier.onBatch(size -> Metrics.update(registry, r -> Metrics.histogram(r, BATCH_SIZE, model).update(size)));
    }

    /** The heat-map overlay of an image, or the refusal that prevents one. */
    public Explanation explain(byte[] content) {
        return ready().explain(content);
    }

    /**
     * How the active model judges a study of {@code slices} of its slices (see {@code ModelCard.studyRuleFor}); the
     * model's rule, no patient's data, so the PACS intake's worker reads it too.
     */
    @PermitAll
    public StudyRule studyRuleFor(int slices) {
        return ready().studyRuleFor(slices);
    }

    public ModelStatus status() {
        return models.status();
    }

    private ImageClassifier ready() {
        return models.classifier().orElseThrow(() -> new ModelNotReadyException(
                "The model " + models.status().id() + " is not ready: " + models.status().problem()));
    }
}
