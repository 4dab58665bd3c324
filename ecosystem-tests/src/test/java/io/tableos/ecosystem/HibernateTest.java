package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import io.tableos.db.it.oracle.Rows;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.Version;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * Hibernate ORM 7 on its PostgreSQL dialect (chosen from the server's metadata): schema
 * generation (sequences, tables, foreign key), a one-to-many relation persisted by cascade, a
 * JPQL join fetch, pagination (Hibernate sends OFFSET ... ROWS FETCH FIRST ... ROWS ONLY), and
 * {@code @Version} optimistic locking: the second of two concurrent edits fails.
 */
class HibernateTest {
    private static final String SCHEMA = "eco_hibernate";

    @Entity(name = "Shelf")
    public static class Shelf {
        @Id @GeneratedValue Long id;
        @Column(nullable = false, unique = true) String label;
        @Version int version;
        @OneToMany(mappedBy = "shelf", cascade = CascadeType.ALL, fetch = FetchType.LAZY) List<Volume> volumes = new ArrayList<>();

        protected Shelf() {}

        Shelf(String label) {
            this.label = label;
        }

        void add(Volume v) {
            v.shelf = this;
            volumes.add(v);
        }
    }

    @Entity(name = "Volume")
    public static class Volume {
        @Id @GeneratedValue Long id;
        @Column(nullable = false) String title;
        int pages;
        @ManyToOne(optional = false, fetch = FetchType.LAZY) Shelf shelf;

        protected Volume() {}

        Volume(String title, int pages) {
            this.title = title;
            this.pages = pages;
        }
    }

    @OnBothDatabases
    void schemaRelationsJoinFetchPaginationAndVersions(Database db) throws Exception {
        Schemas.recreate(db, SCHEMA);
        Configuration config = new Configuration()
                .addAnnotatedClass(Shelf.class).addAnnotatedClass(Volume.class)
                .setProperty("hibernate.connection.url", Schemas.url(db, SCHEMA))
                .setProperty("hibernate.connection.pool_size", "4")
                .setProperty("hibernate.hbm2ddl.auto", "create");
        try (SessionFactory factory = config.buildSessionFactory()) {
            try (Connection c = db.connect("currentSchema=" + SCHEMA); Statement s = c.createStatement()) {
                assertEquals(List.of("shelf", "volume"), Rows.of(s, "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = '" + SCHEMA + "' ORDER BY table_name"));
            }
            factory.inTransaction(session -> {
                for (String label : List.of("fiction", "science", "poetry")) {
                    Shelf shelf = new Shelf(label);
                    for (int i = 1; i <= 4; i++) shelf.add(new Volume(label + "-" + i, i * 100));
                    session.persist(shelf);
                }
            });

            List<Shelf> shelves = factory.fromSession(session -> session.createSelectionQuery(
                    "select distinct s from Shelf s join fetch s.volumes v where v.pages >= :min order by s.label", Shelf.class)
                    .setParameter("min", 300).getResultList());
            assertEquals(List.of("fiction", "poetry", "science"), shelves.stream().map(s -> s.label).toList());
            assertTrue(Hibernate.isInitialized(shelves.get(0).volumes), "join fetch loads the collection");
            assertEquals(2, shelves.get(0).volumes.size(), "the fetch is filtered by the join condition");

            List<String> page = factory.fromSession(session -> session.createSelectionQuery(
                    "select v.title from Volume v order by v.title", String.class).setFirstResult(5).setMaxResults(3).getResultList());
            assertEquals(List.of("poetry-2", "poetry-3", "poetry-4"), page);
            assertEquals(12L, (long) factory.<Long>fromSession(session -> session.createSelectionQuery("select count(v) from Volume v", Long.class)
                    .getSingleResult()));

            Long id = shelves.get(0).id;
            try (Session first = factory.openSession(); Session second = factory.openSession()) {
                first.beginTransaction();
                second.beginTransaction();
                Shelf a = first.find(Shelf.class, id);
                Shelf b = second.find(Shelf.class, id);
                a.label = "novels";
                first.getTransaction().commit();
                b.label = "stories";
                assertThrows(OptimisticLockException.class, () -> second.getTransaction().commit());
            }
            Shelf after = factory.fromSession(session -> session.find(Shelf.class, id));
            assertEquals("novels", after.label);
            assertEquals(1, after.version);
        }
    }
}
