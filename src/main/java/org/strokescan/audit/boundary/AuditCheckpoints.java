package org.strokescan.audit.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.strokescan.audit.control.AuditRepository;
import org.strokescan.audit.control.CheckpointFile;
import org.strokescan.audit.control.CheckpointKeys;
import org.strokescan.audit.control.CheckpointSigner;
import org.strokescan.audit.control.CheckpointWriter;
import org.strokescan.audit.entity.AuditCheckpoint;
import org.strokescan.audit.entity.AuditHead;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.ScheduledRuns;

/**
 * Anchors the audit chain outside the database: every {@code strokescan.audit.checkpoint-minutes} (and a few seconds
 * after startup) the chain's head, if it grew, is signed with the Ed25519 key of
 * {@code strokescan.audit.checkpoint-key} and written as one JSON line to the server log and to
 * {@code <data dir>/audit-checkpoints.jsonl}. Without a key, nothing is signed and the server says so at startup.
 * Writing a checkpoint is not itself audited: it would grow the chain it vouches for, every time. In a cluster one
 * node signs each period for all ({@link ScheduledRuns}), into its own data folder's file.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class.getName());
    private static final long FIRST_DELAY_MS = 5_000;

    @Resource
    TimerService timers;

    @Inject
    DatabaseMigration migration;

    @Inject
    AuditRepository repository;

    @Inject
    ScheduledRuns runs;

    @Inject
    @ConfigProperty(name = "strokescan.audit.checkpoint-key")
    Optional<String> key;

    @Inject
    @ConfigProperty(name = "strokescan.audit.checkpoint-minutes")
    long minutes;

    @Inject
    @ConfigProperty(name = "strokescan.data-dir")
    String dataDirectory;

    private CheckpointFile file;
    private volatile CheckpointWriter writer;

    @PostConstruct
    void start() {
        file = new CheckpointFile(Path.of(dataDirectory).resolve(CheckpointFile.NAME));
        Optional<String> configured = key.filter(value -> !value.isBlank());
        if (configured.isEmpty()) {
            LOG.warning("event=audit.checkpoints.off The audit chain is not anchored outside the database: no"
                    + " checkpoints are signed or written. Create an Ed25519 key (openssl genpkey -algorithm ed25519"
                    + " -out checkpoint-key.pem), keep it away from the database and its owner, and set"
                    + " STROKESCAN_AUDIT_CHECKPOINT_KEY to its path (or to the PEM text through a Payara password alias).");
            return;
        }
        try {
            CheckpointSigner signer = CheckpointSigner.of(CheckpointKeys.privateKey(configured.get()));
            writer = new CheckpointWriter(file, signer);
            LOG.info(() -> "event=audit.checkpoints.on keyId=" + signer.keyId() + " file=" + file.path().toAbsolutePath()
                    + " everyMinutes=" + minutes + " publicKey=" + java.util.Base64.getEncoder()
                    .encodeToString(signer.publicKey().getEncoded()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.severe(() -> "event=audit.checkpoints.off The checkpoint key in STROKESCAN_AUDIT_CHECKPOINT_KEY cannot be"
                    + " used (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); no checkpoints are written."
                    + " It must be an Ed25519 private key, PKCS#8 PEM or DER.");
            return;
        }
        long interval = Math.max(1, minutes) * 60_000;
        timers.createIntervalTimer(FIRST_DELAY_MS, interval, new TimerConfig("audit-checkpoint", false));
    }

    /** Signs the chain's head if it grew; a database that contradicts the last checkpoint is reported, not signed. */
    @Timeout
    void checkpoint() {
        if (writer == null || !migration.isReady()) {
            return;
        }
        try {
            if (!runs.claim("audit-checkpoint", String.valueOf(Instant.now().getEpochSecond() / (Math.max(1, minutes) * 60)))) {
                return; // another node signs this period
            }
            AuditHead head = repository.head();
            CheckpointWriter.Outcome outcome = writer.checkpoint(head.getLastSeq(), head.getLastHash(), repository::hashAt,
                    Instant.now());
            if (outcome instanceof CheckpointWriter.Outcome.Written written) {
                LOG.info("event=audit.checkpoint " + CheckpointFile.line(written.checkpoint()));
            } else if (outcome instanceof CheckpointWriter.Outcome.Contradicted contradicted) {
                LOG.severe("event=audit.checkpoint.contradicted The audit trail in the database was shortened or"
                        + " rewritten: " + contradicted.reason() + ". No checkpoint is signed until this is resolved;"
                        + " check it with audit-verify --checkpoints.");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=audit.checkpoint.failed " + e, e);
        }
    }

    /** The checkpoints this server signed, to check the chain against; none when signing is off. */
    @PermitAll
    public List<AuditCheckpoint> signed() throws IOException {
        CheckpointWriter current = writer;
        return current == null ? List.of() : current.signed();
    }

    /** The checkpoint file as written, for auditors to keep a copy. */
    @PermitAll
    public byte[] file() throws IOException {
        return file.bytes();
    }

    /** The public key that verifies the checkpoints (PEM), empty when signing is off. */
    @PermitAll
    public Optional<String> publicKey() {
        CheckpointWriter current = writer;
        return current == null ? Optional.empty() : Optional.of(CheckpointKeys.pem(current.publicKey()));
    }
}
