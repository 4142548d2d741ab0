package org.strokescan.inference.entity;

import java.util.Locale;

/**
 * Why an upload was refused: a reason of the intake (the file) or of the input gate (the picture). Its
 * {@link #name()} is the stable code that is stored with a refused slice, audited and shown by the API.
 */
public sealed interface RefusalReason permits IntakeResult.Reason, GateVerdict.Reason {

    /** The enum constant's name, e.g. {@code COLOUR}. */
    String name();

    /** Which check refused the upload. */
    Classification.Stage stage();

    /** The reason as the audit trail records it, e.g. {@code gate: COLOUR}. */
    default String audited() {
        return stage().name().toLowerCase(Locale.ROOT) + ": " + name();
    }
}
