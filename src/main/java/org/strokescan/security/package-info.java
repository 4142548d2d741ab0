/**
 * Accounts, roles, login and password handling: the database identity store with PBKDF2 hashes,
 * lockout, password policy and the seeding of first accounts. Uses only the platform component.
 */
package org.strokescan.security;
