package org.strokescan.cds.control;

/**
 * A CDS Hooks call refused: the HTTP status to answer with, the reason for the log and the audit trail (never the
 * token), and what the caller is told.
 */
public final class HookRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /** The caller of a refused JWT learns only that it was refused; the log says why. */
    public static final String TOKEN_DETAIL = "The CDS Hooks JWT in the Authorization header was refused; StrokeScan's "
            + "log names the reason.";

    private final int status;
    private final String detail;

    public HookRefused(int status, String reason, String detail) {
        super(reason);
        this.status = status;
        this.detail = detail;
    }

    /** 401: the EHR's token. */
    public static HookRefused token(String reason) {
        return new HookRefused(401, reason, TOKEN_DETAIL);
    }

    /** 400: the request itself; the reason is safe to tell the caller. */
    public static HookRefused request(String reason) {
        return new HookRefused(400, reason, reason);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }

    public String detail() {
        return detail;
    }
}
