/**
 * Accounts, roles, login and password handling: the database identity store with PBKDF2 hashes,
 * lockout, password policy, the seeding of first accounts, the check of signed-in sessions against their
 * account on every request, and the record of refused (403) requests. Uses the platform component and the audit
 * boundary.
 */
package org.strokescan.security;
