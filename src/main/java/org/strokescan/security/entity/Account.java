package org.strokescan.security.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.strokescan.platform.Role;

/** A person who may sign in, with the roles granted and the state of their credentials. */
@Entity
@Table(name = "account")
public class Account {

    public static final int USERNAME_MAX = 64;
    public static final int DISPLAY_NAME_MAX = 128;
    /** Lower-case letters, digits, dot, dash, underscore; 3–64 characters, starting with a letter or digit. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = USERNAME_MAX)
    private String username;

    @Column(name = "display_name", nullable = false, length = DISPLAY_NAME_MAX)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 256)
    private String passwordHash;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    /** When a password an administrator issued stops working; null for one the user chose (or the first admin's). */
    @Column(name = "issued_password_expires_at")
    private Instant issuedPasswordExpiresAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Column(name = "preferred_language", length = 8)
    private String preferredLanguage;

    /** Moves on whenever the sessions signed in before must end; a session remembers the value it signed in with. */
    @Column(name = "session_generation", nullable = false)
    private long sessionGeneration;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @Version
    private long version;

    protected Account() {
        // for JPA
    }

    public Account(String username, String displayName, Collection<Role> roles, String passwordHash,
                   boolean mustChangePassword, Instant now) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must match " + USERNAME.pattern());
        }
        this.username = username;
        rename(displayName);
        assignRoles(roles);
        this.createdAt = now;
        this.enabled = true;
        setPassword(passwordHash, mustChangePassword, now);
    }

    public void rename(String newDisplayName) {
        if (newDisplayName == null || newDisplayName.isBlank() || newDisplayName.length() > DISPLAY_NAME_MAX) {
            throw new IllegalArgumentException("display name must have 1–" + DISPLAY_NAME_MAX + " characters");
        }
        this.displayName = newDisplayName.strip();
    }

    public void assignRoles(Collection<Role> newRoles) {
        if (newRoles == null || newRoles.isEmpty()) {
            throw new IllegalArgumentException("an account needs at least one role");
        }
        this.roles = EnumSet.copyOf(newRoles);
    }

    /** A new password (own change or an administrator's reset): every session signed in with the old one ends. */
    public void setPassword(String newHash, boolean mustChange, Instant now) {
        requireHash(newHash);
        this.passwordHash = newHash;
        this.mustChangePassword = mustChange;
        this.passwordChangedAt = now;
        this.issuedPasswordExpiresAt = null;
        this.failedLogins = 0;
        endSessions();
    }

    /**
     * A password an administrator issued (a new account, a reset): it must be changed at the next sign-in, and stops
     * working at {@code expiresAt} if it has not been, so that one the administrator saw does not stay valid.
     */
    public void issuePassword(String newHash, Instant now, Instant expiresAt) {
        setPassword(newHash, true, now);
        this.issuedPasswordExpiresAt = expiresAt;
    }

    public boolean isIssuedPasswordExpired(Instant now) {
        return issuedPasswordExpiresAt != null && !now.isBefore(issuedPasswordExpiresAt);
    }

    /** The same password hashed again with stronger parameters at sign-in: nothing else changes, no session ends. */
    public void upgradeHash(String newHash) {
        requireHash(newHash);
        this.passwordHash = newHash;
    }

    private static void requireHash(String hash) {
        if (hash == null || hash.isBlank()) {
            throw new IllegalArgumentException("password hash is required");
        }
    }

    /** Ends every session signed in so far (see {@link #getSessionGeneration()}). */
    public void endSessions() {
        sessionGeneration++;
    }

    /**
     * Counts a failed sign-in, for administrators to see. Nothing is locked: failures are slowed down where they
     * come from (the sign-in throttle), so that nobody can lock an owner out of their account.
     */
    public void recordFailedLogin() {
        failedLogins++;
    }

    public void recordSuccessfulLogin(Instant now) {
        failedLogins = 0;
        lastLoginAt = now;
    }

    /** An IETF language tag such as {@code ta}; which tags are offered is the web app's business. */
    public void preferLanguage(String languageTag) {
        if (languageTag == null || !languageTag.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")) {
            throw new IllegalArgumentException("not a language tag: " + languageTag);
        }
        this.preferredLanguage = languageTag;
    }

    public void enable() {
        enabled = true;
    }

    /** Also ends the account's open sessions. */
    public void disable() {
        enabled = false;
        endSessions();
    }

    /** An administrator lifts the waits after failed sign-ins: the count starts again. */
    public void clearFailedLogins() {
        failedLogins = 0;
    }

    public Long getId() { return id; }
    public String getUsername() { return username; }
    public String getDisplayName() { return displayName; }
    public String getPasswordHash() { return passwordHash; }
    public boolean isEnabled() { return enabled; }
    public boolean isMustChangePassword() { return mustChangePassword; }
    public int getFailedLogins() { return failedLogins; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getPasswordChangedAt() { return passwordChangedAt; }
    public Instant getIssuedPasswordExpiresAt() { return issuedPasswordExpiresAt; }
    public Instant getLastLoginAt() { return lastLoginAt; }
    public String getPreferredLanguage() { return preferredLanguage; }
    public long getSessionGeneration() { return sessionGeneration; }
    public Set<Role> getRoles() { return EnumSet.copyOf(roles); }
    public boolean hasRole(Role role) { return roles.contains(role); }
}
