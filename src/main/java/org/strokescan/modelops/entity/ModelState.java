package org.strokescan.modelops.entity;

/** What a model is doing now, as the API and the pages name it. */
public enum ModelState {
    ACTIVE,
    SHADOW,
    AVAILABLE;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
