package org.strokescan.fhir.entity;

/** Where a report message stands on its way to the EHR. */
public enum DeliveryState {
    /** waiting for its (next) attempt */
    PENDING,
    /** acknowledged by the EHR */
    SENT,
    /** parked after the last allowed attempt or a rejection; an admin may retry it */
    FAILED,
    /** an admin decided it is not to be sent */
    CANCELLED,
    /** a newer preliminary report of the same examination replaced it before it was sent */
    SUPERSEDED
}
