/**
 * The audit trail: an append-only, hash-chained record of every security-relevant event, written in the
 * caller's transaction, verifiable in the server and from the CLI. Uses the security component's roles only.
 */
package org.strokescan.audit;
