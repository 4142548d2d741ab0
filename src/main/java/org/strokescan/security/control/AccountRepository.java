package org.strokescan.security.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.strokescan.security.entity.Account;

/** Loads and stores accounts; callers bring the transaction. */
@Dependent
public class AccountRepository {

    @PersistenceContext(unitName = "strokescan")
    EntityManager em;

    public Optional<Account> findByUsername(String username) {
        return em.createQuery("select a from Account a where a.username = :username", Account.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    public List<Account> findAll() {
        return em.createQuery("select a from Account a order by a.username", Account.class).getResultList();
    }

    public long count() {
        return em.createQuery("select count(a) from Account a", Long.class).getSingleResult();
    }

    public Account find(long id) {
        return em.find(Account.class, id);
    }

    public void add(Account account) {
        em.persist(account);
    }
}
