package org.strokescan.inference.entity;

/** A model this server could load, and where it comes from. */
public record ModelSource(String id, Origin origin) {

    public enum Origin {
        /** shipped inside the application */
        BUNDLED,
        /** an operator's folder, {@code strokescan.model.dir} */
        DIRECTORY
    }
}
