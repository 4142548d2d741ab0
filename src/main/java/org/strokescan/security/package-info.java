/**
 * Accounts, roles, login and password handling: the database identity store with PBKDF2 hashes, the throttle of
 * failed sign-ins (per client address, and per username and address) with its audit records and alert, issued
 * passwords that expire, password policy, the seeding of first accounts, the check of signed-in sessions against their
 * account on every request, requests that come after their session ended sent to sign in and back to their page, and
 * the record of refused (403) requests. Uses the platform component and the audit
 * boundary.
 */
package org.strokescan.security;
