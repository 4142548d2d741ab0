/**
 * Accounts, roles, login and password handling: the database identity store with PBKDF2 hashes,
 * lockout, password policy, the seeding of first accounts, and the check of signed-in sessions against their
 * account on every request. Uses the platform component and the audit boundary.
 */
package org.strokescan.security;
