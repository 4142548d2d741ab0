package org.strokescan.inference.entity;

/** Which model produced a result: stored with every prediction. */
public record ModelIdentity(String name, String version, String checksum) {

    public static ModelIdentity of(ModelCard card) {
        return new ModelIdentity(card.name(), card.version(), card.checksum());
    }

    @Override
    public String toString() {
        return name + "/" + version;
    }
}
