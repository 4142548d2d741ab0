package org.strokescan.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Instant;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strokescan.audit.entity.AuditHead;
import org.strokescan.audit.entity.AuditRecord;
import org.strokescan.audit.entity.ChainLink;
import org.strokescan.platform.DatabaseMigration;
import org.strokescan.platform.JdbcUrlDataSource;

class AuditRepositoryTest {

    @TempDir
    Path folder;

    /**
     * The chain check reads the head, then records itself. An append that another transaction committed in between
     * must not be overwritten (seen in AuditCoverageIT: the check's record and the EHR relay's got one sequence number).
     */
    @Test
    void anAppendAfterReadingTheHeadContinuesFromAConcurrentlyCommittedOne() throws Exception {
        String url = "jdbc:h2:file:" + folder.resolve("audit");
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(url);
        dataSource.setUser("sa");
        DatabaseMigration.migrateSchema(dataSource);
        try (EntityManagerFactory factory = new HibernatePersistenceConfiguration("audit-repository-test")
                .managedClasses(AuditRecord.class, AuditHead.class).jdbcUrl(url).jdbcCredentials("sa", "")
                .property("hibernate.jdbc.time_zone", "UTC").createEntityManagerFactory();
             EntityManager checking = factory.createEntityManager();
             EntityManager relay = factory.createEntityManager()) {
            AuditRepository checker = repository(checking);
            checking.getTransaction().begin();
            long seen = checker.head().getLastSeq();

            relay.getTransaction().begin();
            append(repository(relay), "REPORT_SENT");
            relay.getTransaction().commit();

            ChainLink verified = append(checker, "AUDIT_VERIFIED");
            checking.getTransaction().commit();
            assertEquals(seen + 2, verified.seq(), "after the relay's record, not in its place");
        }
    }

    private static AuditRepository repository(EntityManager em) {
        AuditRepository repository = new AuditRepository();
        repository.em = em;
        return repository;
    }

    private static ChainLink append(AuditRepository repository, String action) {
        AuditHead head = repository.lockHead();
        ChainLink link = AuditChain.next(head.getLastSeq(), head.getLastHash(), Instant.now(), "someone", "", "-",
                action, "audit trail", "SUCCESS", "");
        repository.append(new AuditRecord(link));
        head.advance(link);
        return link;
    }
}
