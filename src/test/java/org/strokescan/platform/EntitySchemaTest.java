package org.strokescan.platform;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Every entity of the server's persistence unit validates against the H2 scripts, as the server checks at startup;
 * PostgresPersistenceIT does the same on PostgreSQL.
 */
class EntitySchemaTest {

    @Test
    void everyEntityOfThePersistenceUnitValidatesOnH2() throws Exception {
        String url = "jdbc:h2:mem:entity-schema;DB_CLOSE_DELAY=-1";
        JdbcUrlDataSource dataSource = new JdbcUrlDataSource();
        dataSource.setUrl(url);
        dataSource.setUser("sa");
        DatabaseMigration.migrateSchema(dataSource);
        try (EntityManagerFactory factory = new HibernatePersistenceConfiguration("entity-schema")
                .managedClasses(PersistenceUnitClasses.all())
                .jdbcUrl(url).jdbcCredentials("sa", "").property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory()) {
            factory.getSchemaManager().validate();
        }
    }
}
