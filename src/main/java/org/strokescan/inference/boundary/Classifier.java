package org.strokescan.inference.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.strokescan.inference.control.ImageClassifier;
import org.strokescan.inference.entity.Classification;
import org.strokescan.inference.entity.Explanation;
import org.strokescan.inference.entity.ModelStatus;
import org.strokescan.inference.entity.StudyRule;
import org.strokescan.platform.Role;

/** Classifies uploaded images with the active model; clinicians only. */
@Stateless
@RolesAllowed(Role.CLINICIAN_NAME)
public class Classifier {

    @Inject
    Models models;

    /** @throws ModelNotReadyException while the model loads, or when it could not be loaded */
    public Classification classify(byte[] content) {
        return ready().classify(content);
    }

    /** The heat-map overlay of an image, or the refusal that prevents one. */
    public Explanation explain(byte[] content) {
        return ready().explain(content);
    }

    /** How the active model judges a study of {@code slices} of its slices (see {@code ModelCard.studyRuleFor}). */
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
