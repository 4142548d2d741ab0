package org.strokescan.security.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.boundary.AuditTrail;
import org.strokescan.audit.entity.AuditAction;
import org.strokescan.audit.entity.AuditEntry;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.Role;
import org.strokescan.security.control.AccountRepository;
import org.strokescan.security.control.CredentialsFile;
import org.strokescan.security.control.PasswordGenerator;
import org.strokescan.security.control.PasswordHashing;
import org.strokescan.security.entity.Account;
import org.strokescan.security.entity.IssuedPassword;

/**
 * On first start (no accounts yet) creates the administrator — from {@code STROKESCAN_ADMIN_PASSWORD} or
 * with a random password — and, in demo mode, two clinicians, an auditor, a second administrator and a sending
 * PACS. Generated passwords are printed once and written to the owner-only credentials file; there is no fixed
 * default password.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class AccountSeeding {

    private static final Logger LOG = Logger.getLogger(AccountSeeding.class.getName());

    @Inject
    DatabaseMigration migration;

    @Inject
    AccountRepository repository;

    @Inject
    PasswordHashing hashing;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "strokescan.admin.password")
    Optional<String> adminPassword;

    /** "auto": on for the embedded H2 database, off otherwise. */
    @Inject
    @ConfigProperty(name = "strokescan.demo")
    String demo;

    @Inject
    @ConfigProperty(name = "strokescan.db.url")
    String databaseUrl;

    @Inject
    @ConfigProperty(name = "strokescan.data-dir")
    String dataDirectory;

    @PostConstruct
    void seedFirstAccounts() {
        if (!migration.isReady() || repository.count() > 0) {
            return;
        }
        Optional<String> chosen = adminPassword.filter(password -> !password.isBlank());
        if (chosen.isPresent()) {
            Optional<String> problem = Accounts.POLICY.check(chosen.get(), "admin").map(Enum::name);
            if (problem.isPresent()) {
                LOG.severe("event=seed.refused STROKESCAN_ADMIN_PASSWORD breaks the password policy (" + problem.get()
                        + "); no account was created. Choose a password of 12 or more characters that is not common.");
                return;
            }
        }
        PasswordGenerator generator = new PasswordGenerator();
        List<CredentialsFile.Entry> generated = new ArrayList<>();
        String admin = chosen.orElseGet(generator::next);
        add("admin", "Administrator", Role.ADMIN, admin, adminMustChangePassword(chosen.isPresent()));
        if (chosen.isEmpty()) {
            generated.add(new CredentialsFile.Entry(new IssuedPassword("admin", admin), Role.ADMIN));
        }
        if (demoEnabled()) {
            generated.add(seedDemo(generator, "clinician1", "Demo Clinician One", Role.CLINICIAN));
            generated.add(seedDemo(generator, "clinician2", "Demo Clinician Two", Role.CLINICIAN));
            generated.add(seedDemo(generator, "auditor1", "Demo Auditor", Role.AUDITOR));
            // a second administrator, so that a model change (which needs two) can be tried
            generated.add(seedDemo(generator, "admin2", "Demo Administrator Two", Role.ADMIN));
            // a sending system, so that a PACS (README, "Connecting a PACS") can deliver studies
            generated.add(seedDemo(generator, "pacs1", "Demo PACS", Role.INTEGRATION));
        }
        audit.recordSystem("account-seeding", AuditEntry.success(AuditAction.ACCOUNTS_SEEDED, "first start")
                .withDetail("admin" + (demoEnabled() ? ", demo accounts" : "")
                        + (chosen.isPresent() ? "; admin password from STROKESCAN_ADMIN_PASSWORD" : "")));
        publish(generated);
    }

    /**
     * A generated admin password outside demo mode is an issued one: whoever reads the credentials file could use it,
     * so the admin must choose their own at the first sign-in (and the REST API refuses it until then). A password
     * the operator chose (STROKESCAN_ADMIN_PASSWORD) and the demo installation need no change.
     */
    boolean adminMustChangePassword(boolean chosenByOperator) {
        return !chosenByOperator && !demoEnabled();
    }

    boolean demoEnabled() {
        return "auto".equalsIgnoreCase(demo.strip()) ? databaseUrl.startsWith("jdbc:h2:") : Boolean.parseBoolean(demo.strip());
    }

    private CredentialsFile.Entry seedDemo(PasswordGenerator generator, String username, String name, Role role) {
        String password = generator.next();
        add(username, name, role, password, false);
        return new CredentialsFile.Entry(new IssuedPassword(username, password), role);
    }

    private void add(String username, String displayName, Role role, String password, boolean mustChange) {
        repository.add(new Account(username, displayName, Set.of(role), hashing.hasher().hash(password.toCharArray()),
                mustChange, Instant.now()));
    }

    private void publish(List<CredentialsFile.Entry> generated) {
        if (generated.isEmpty()) {
            LOG.info("event=seed.done accounts=admin (password from STROKESCAN_ADMIN_PASSWORD)");
            return;
        }
        Path file;
        try {
            file = new CredentialsFile(Path.of(dataDirectory)).write(generated);
        } catch (IOException e) {
            file = null;
            LOG.severe("event=seed.file-failed could not write " + CredentialsFile.NAME + ": " + e.getMessage());
        }
        System.out.println(announcement(generated.stream().map(entry -> entry.credentials().username()).toList(),
                file == null ? null : file.toAbsolutePath().normalize()));
    }

    /**
     * What the console says at the first start: which accounts were made and where their passwords are, never the
     * passwords themselves (a console is copied into logs, terminals and tickets).
     */
    static String announcement(List<String> usernames, Path file) {
        StringBuilder banner = new StringBuilder("\n=== StrokeScan first start: generated accounts ===\n");
        banner.append("  ").append(String.join(", ", usernames)).append('\n');
        if (file == null) {
            banner.append("  The credentials file could not be written (see the log): set STROKESCAN_ADMIN_PASSWORD,\n")
                    .append("  delete the database and start again.\n");
        } else {
            banner.append("  Passwords: ").append(file).append(" (readable by its owner only).\n")
                    .append("  Sign in, then delete that file.\n");
        }
        banner.append("===================================================\n");
        return banner.toString();
    }
}
