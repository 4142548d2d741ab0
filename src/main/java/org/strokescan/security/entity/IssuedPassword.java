package org.strokescan.security.entity;

/** A generated password for {@code username}, shown once to whoever created or reset the account. */
public record IssuedPassword(String username, String password) {
    @Override
    public String toString() {
        return "IssuedPassword[username=" + username + ", password=***]";
    }
}
