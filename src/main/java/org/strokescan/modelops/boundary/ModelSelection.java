package org.strokescan.modelops.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.inference.boundary.Models;
import org.strokescan.modelops.control.ModelOpsRepository;
import org.strokescan.modelops.entity.ModelActivation;
import org.strokescan.modelops.entity.ModelSlot;

/**
 * Keeps this node's models what the database says: at startup and then every
 * {@code strokescan.model.poll-seconds}, the newest change of each slot is read and handed to {@link Models}, which
 * loads a new model beside the serving one and swaps it in. So an approval on one node takes effect on every node
 * without a restart; before any change, the configured {@code strokescan.model.active} is active.
 */
@Singleton
@Startup
@DependsOn({"Models", "DatabaseMigration"})
public class ModelSelection {

    private static final Logger LOG = Logger.getLogger(ModelSelection.class.getName());

    @Inject
    ModelOpsRepository repository;

    @Inject
    Models models;

    @Inject
    @ConfigProperty(name = "strokescan.model.active")
    String configured;

    @Inject
    @ConfigProperty(name = "strokescan.model.poll-seconds")
    int pollSeconds;

    @Resource
    TimerService timers;

    @PostConstruct
    void start() {
        follow();
        long period = Math.max(1, pollSeconds) * 1000L;
        timers.createIntervalTimer(period, period, new TimerConfig("model selection", false));
    }

    @Timeout
    void follow() {
        try {
            models.activate(repository.current(ModelSlot.ACTIVE).flatMap(ModelActivation::modelId).orElse(configured));
            models.shadow(repository.current(ModelSlot.SHADOW).flatMap(ModelActivation::modelId));
        } catch (RuntimeException e) {
            // the models held stay as they are (at startup: the configured one); the next tick tries again
            LOG.log(Level.WARNING, "The model selection could not be read: " + e.getMessage(), e);
            if (models.activeTarget() == null) {
                models.activate(configured);
            }
        }
    }
}
