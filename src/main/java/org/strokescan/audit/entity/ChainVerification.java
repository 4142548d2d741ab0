package org.strokescan.audit.entity;

import java.util.Optional;
import java.util.OptionalLong;

/** The result of walking the chain: how many records were checked and, if any, the first broken one. */
public record ChainVerification(long records, OptionalLong brokenAt, Optional<String> reason) {

    public static ChainVerification intact(long records) {
        return new ChainVerification(records, OptionalLong.empty(), Optional.empty());
    }

    public static ChainVerification broken(long records, long seq, String reason) {
        return new ChainVerification(records, OptionalLong.of(seq), Optional.of(reason));
    }

    public boolean isIntact() {
        return brokenAt.isEmpty();
    }

    /** {@code OK <n> records}, or the first broken record and why. */
    public String summary() {
        return isIntact() ? "OK " + records + " records"
                : "BROKEN at record " + brokenAt.getAsLong() + ": " + reason.orElse("") + " (" + records + " records checked)";
    }
}
