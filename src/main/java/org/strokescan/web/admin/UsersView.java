package org.strokescan.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.strokescan.platform.Role;
import org.strokescan.security.boundary.Accounts;
import org.strokescan.security.entity.AccountRejection;
import org.strokescan.security.entity.AccountSummary;
import org.strokescan.security.entity.IssuedPassword;
import org.strokescan.web.Messages;

/** User administration: list, create, enable/disable, lift sign-in waits, roles, password reset; sign-in alerts. */
@Named
@ViewScoped
public class UsersView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Accounts accounts;

    private List<AccountSummary> users;

    private String newUsername;
    private String newDisplayName;
    private List<String> newRoles = List.of();

    private String editedUsername;
    private List<String> editedRoles = List.of();

    /** The password just generated; shown once, then dropped with the view. */
    /** Shown once, on this page; never copied with the session to another node's memory. */
    private transient IssuedPassword issued;

    private String signInAlert;

    @PostConstruct
    void load() {
        users = accounts.list();
        signInAlert = accounts.signInAlert().map(alert -> Messages.text("users.signInAlert", alert.usernames(),
                alert.window().toMinutes(), format(alert.raisedAt()))).orElse(null);
    }

    /** Failed sign-ins on many usernames at once, recently: worded for the banner, or null. */
    public String getSignInAlert() {
        return signInAlert;
    }

    public void create() {
        try {
            issued = accounts.create(newUsername, newDisplayName, toRoles(newRoles));
            Messages.info("users.created", issued.username());
            newUsername = null;
            newDisplayName = null;
            newRoles = List.of();
        } catch (AccountRejection e) {
            issued = null;
            Messages.errorAt(fieldOf(e.reason()), "account.error." + e.reason());
        }
        load();
    }

    /** The create form's field a refusal is about, beside which it is shown; null (the top of the page) for anything else. */
    static String fieldOf(AccountRejection.Reason reason) {
        return switch (reason) {
            case INVALID_USERNAME, USERNAME_TAKEN -> "create:username";
            case INVALID_DISPLAY_NAME -> "create:displayName";
            case NO_ROLE -> "create:roles";
            default -> null;
        };
    }

    public void setEnabled(AccountSummary user, boolean enabled) {
        act(() -> accounts.setEnabled(user.username(), enabled),
                enabled ? "users.enabled" : "users.disabled", user.username());
    }

    public void unlock(AccountSummary user) {
        act(() -> accounts.unlock(user.username()), "users.unlocked", user.username());
    }

    public void resetPassword(AccountSummary user) {
        try {
            issued = accounts.resetPassword(user.username());
            Messages.info("users.reset", user.username());
        } catch (AccountRejection e) {
            Messages.error("account.error." + e.reason());
        }
        load();
    }

    public void editRoles(AccountSummary user) {
        editedUsername = user.username();
        editedRoles = user.roles().stream().map(Role::name).toList();
        issued = null;
    }

    public void saveRoles() {
        String username = editedUsername;
        act(() -> accounts.assignRoles(username, toRoles(editedRoles)),
                "users.rolesSaved", username);
        editedUsername = null;
    }

    public void cancelEdit() {
        editedUsername = null;
    }

    private void act(Runnable action, String successKey, String username) {
        try {
            action.run();
            Messages.info(successKey, username);
        } catch (AccountRejection e) {
            Messages.error("account.error." + e.reason());
        }
        issued = null;
        load();
    }

    /** Role names as posted by the check boxes; anything else posted is ignored. */
    static Set<Role> toRoles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (names.contains(role.name())) {
                roles.add(role);
            }
        }
        return roles;
    }

    public String format(Instant instant) {
        return Messages.dateTime(instant);
    }

    public Role[] getAllRoles() { return Role.values(); }
    public List<AccountSummary> getUsers() { return users; }
    public IssuedPassword getIssued() { return issued; }
    public String getNewUsername() { return newUsername; }
    public void setNewUsername(String newUsername) { this.newUsername = newUsername; }
    public String getNewDisplayName() { return newDisplayName; }
    public void setNewDisplayName(String newDisplayName) { this.newDisplayName = newDisplayName; }
    public List<String> getNewRoles() { return newRoles; }
    public void setNewRoles(List<String> newRoles) { this.newRoles = newRoles == null ? List.of() : newRoles; }
    public String getEditedUsername() { return editedUsername; }
    public List<String> getEditedRoles() { return editedRoles; }
    public void setEditedRoles(List<String> editedRoles) { this.editedRoles = editedRoles == null ? List.of() : editedRoles; }
}
