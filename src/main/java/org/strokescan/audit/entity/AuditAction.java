package org.strokescan.audit.entity;

/** What happened. Stored by name; new actions are added at the end as components land. */
public enum AuditAction {
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    /** Written before failed sign-ins were throttled instead of locking the account; kept for those records. */
    ACCOUNT_LOCKED,
    LOGOUT,
    ACCOUNTS_SEEDED,
    ACCOUNT_CREATED,
    ACCOUNT_ENABLED,
    ACCOUNT_DISABLED,
    ACCOUNT_UNLOCKED,
    ROLES_ASSIGNED,
    PASSWORD_RESET,
    PASSWORD_CHANGED,
    AUDIT_VERIFIED,
    AUDIT_EXPORTED,
    PREDICTION_MADE,
    IMAGE_REJECTED,
    PREDICTION_VIEWED,
    EXAMINATION_CREATED,
    EXAMINATION_VIEWED,
    EXAMINATION_SIGNED,
    EXAMINATION_AMENDED,
    REPORT_QUEUED,
    REPORT_SENT,
    REPORT_FAILED,
    DELIVERY_RETRIED,
    DELIVERY_CANCELLED,
    SESSION_ENDED,
    IMAGE_VIEWED,
    HEATMAP_VIEWED,
    PREDICTIONS_LISTED,
    DELIVERIES_LISTED,
    ACCESS_DENIED,
    /** From here on a username's attempts from one source wait after each failure. */
    SIGN_IN_SLOWED,
    /** Sign-ins from one source refused unchecked within a period, with their count. */
    SIGN_INS_THROTTLED,
    /** Failed sign-ins on many usernames at once. */
    SIGN_IN_ALERT,
    CHECKPOINTS_EXPORTED,
    /** An EHR's CDS Hooks call answered (with how many cards). */
    CDS_HOOK_CALLED,
    /** An EHR's CDS Hooks call refused: its token, its request, or the patient could not be looked up. */
    CDS_HOOK_REFUSED,
    CDS_FEEDBACK_RECEIVED,
    /** A card's link followed into StrokeScan after sign-in (or refused: used, expired, another's). */
    CDS_CARD_OPENED,
    /** A shadow model set or cleared by an administrator (or refused: it failed verification). */
    MODEL_SHADOW_SET,
    /** A request to make another model active (promotion or rollback), waiting for a second administrator. */
    MODEL_CHANGE_REQUESTED,
    /** A change request rejected by another administrator, or withdrawn by the one who asked. */
    MODEL_CHANGE_REJECTED,
    /**
     * A model made active by a second administrator's approval (or the approval refused: the administrator who asked,
     * a request already decided or overtaken by another change, a model failing verification).
     */
    MODEL_ACTIVATED,
    /** A drift check of the active model stored (daily job or an auditor's or admin's "check now"), with its alarms. */
    DRIFT_CHECKED,
    /** A drift check crossed a threshold: the metrics that did. */
    DRIFT_ALARM,
    /** DICOM instances of one study a sending system delivered (STOW-RS): stored, and refused with the reasons. */
    DICOM_RECEIVED,
    /** A department study from the PACS classified (or left unclassified, with why). */
    STUDY_CLASSIFIED,
    /** A clinician's worklist read (page or API), with how many studies it showed. */
    WORKLIST_VIEWED
}
