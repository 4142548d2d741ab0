/**
 * The audit trail: an append-only, hash-chained record of every security-relevant event, written in the
 * caller's transaction, anchored outside the database by signed checkpoints, verifiable in the server and from the
 * CLI. Uses only the platform (roles, the migrated database, the owner-only data folder).
 */
package org.strokescan.audit;
