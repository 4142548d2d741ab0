package org.strokescan.security.entity;

/** An administrator or the user changed something that signed-in sessions of this account depend on. */
public record AccountChanged(String username) {
}
