package org.strokescan.inference.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.strokescan.inference.entity.ModelStatus;

/**
 * Ready means: the active model is verified, loaded and warmed up. Reports which one, on which device, and how
 * many engine calls classified how many images so far (their ratio is the mean batch size under load).
 */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    @Inject
    Models models;

    @Override
    public HealthCheckResponse call() {
        ModelStatus status = models.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model")
                .withData("model", status.id())
                .withData("state", status.state().name());
        if (status.ready()) {
            response.withData("checksum", status.checksum())
                    .withData("device", status.device())
                    .withData("predictors", status.predictors());
            models.classifier().ifPresent(classifier -> {
                long[] batches = classifier.batchesAndImages();
                response.withData("maxBatch", classifier.maxBatch())
                        .withData("engineCalls", batches[0])
                        .withData("imagesClassified", batches[1]);
            });
        } else {
            response.withData("error", status.problem());
        }
        if (models.activeTarget() != null && !status.id().equals(models.activeTarget())) {
            // an approved change this node is loading (or failed to load: the log says why); the old model serves
            response.withData("switchingTo", models.activeTarget());
        }
        // a shadow never makes the server unready: it only classifies for comparison
        models.shadowStatus().ifPresent(shadow -> response.withData("shadow", shadow.id() + " "
                + shadow.state().name() + (shadow.problem().isEmpty() || shadow.ready() ? "" : ": " + shadow.problem())));
        return response.status(status.ready()).build();
    }
}
