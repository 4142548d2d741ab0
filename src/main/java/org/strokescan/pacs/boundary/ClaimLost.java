package org.strokescan.pacs.boundary;

import jakarta.ejb.ApplicationException;

/**
 * This node no longer holds the study: it showed no progress for so long that the study went back to waiting and
 * another node may have taken it. What this node did in the transaction is undone; the study's holder finishes it.
 */
@ApplicationException(rollback = true)
public class ClaimLost extends RuntimeException {

    ClaimLost(String examinationId, String node) {
        super("study of examination " + examinationId + " is no longer claimed by " + node, null, false, false);
    }
}
