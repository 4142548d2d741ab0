package org.strokescan.inference.entity;

import java.util.Optional;

/** Whether the server can classify, and with which model on which device; or why not. */
public record ModelStatus(State state, String id, Optional<ModelCard> card, String checksum, String device, int predictors,
                          String problem) {

    public enum State {
        LOADING,
        READY,
        FAILED
    }

    public static ModelStatus loading(String id) {
        return new ModelStatus(State.LOADING, id, Optional.empty(), "", "", 0, "the model is still loading");
    }

    public static ModelStatus ready(ModelCard card, String checksum, String device, int predictors) {
        return new ModelStatus(State.READY, card.id(), Optional.of(card), checksum, device, predictors, "");
    }

    public static ModelStatus failed(String id, String problem) {
        return new ModelStatus(State.FAILED, id, Optional.empty(), "", "", 0, problem);
    }

    public boolean ready() {
        return state == State.READY;
    }
}
