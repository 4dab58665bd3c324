package io.tableos.ecosystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tableos.db.it.oracle.Database;
import io.tableos.db.it.oracle.OnBothDatabases;
import java.sql.SQLException;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * MyBatis 3: an annotated mapper with generated keys, a BATCH executor session of 500 inserts,
 * result mapping by column name to a record, and a session rolled back by not committing.
 */
class MyBatisTest {
    private static final String SCHEMA = "eco_mybatis";

    public record Product(Long id, String sku, int stock) {}

    /** Mutable, as MyBatis fills generated keys into the parameter object. */
    public static final class NewProduct {
        public Long id;
        public String sku;
        public int stock;

        NewProduct(String sku, int stock) {
            this.sku = sku;
            this.stock = stock;
        }
    }

    public interface ProductMapper {
        @Insert("INSERT INTO product (sku, stock) VALUES (#{sku}, #{stock})")
        @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
        int insert(NewProduct p);

        @Select("SELECT id, sku, stock FROM product WHERE stock < #{below} ORDER BY stock, sku")
        List<Product> lowStock(@Param("below") int below);

        @Update("UPDATE product SET stock = stock - #{n} WHERE sku = #{sku} AND stock >= #{n}")
        int take(@Param("sku") String sku, @Param("n") int n);

        @Select("SELECT count(*) FROM product")
        int count();
    }

    @OnBothDatabases
    void mapperBatchAndRollback(Database db) throws SQLException {
        Schemas.recreate(db, SCHEMA);
        try (var c = db.connect("currentSchema=" + SCHEMA); var s = c.createStatement()) {
            s.execute("CREATE TABLE product (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, stock int NOT NULL)");
        }
        Configuration config = new Configuration(new Environment("test", new JdbcTransactionFactory(), Schemas.dataSource(db, SCHEMA)));
        config.addMapper(ProductMapper.class);
        SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(config);

        try (SqlSession session = factory.openSession()) {
            NewProduct p = new NewProduct("widget", 3);
            assertEquals(1, session.getMapper(ProductMapper.class).insert(p));
            assertEquals(1L, p.id);
            session.commit();
        }
        try (SqlSession batch = factory.openSession(ExecutorType.BATCH)) {
            ProductMapper m = batch.getMapper(ProductMapper.class);
            for (int i = 0; i < 500; i++) m.insert(new NewProduct("sku-" + i, i));
            batch.flushStatements();
            batch.commit();
        }
        try (SqlSession session = factory.openSession()) {
            ProductMapper m = session.getMapper(ProductMapper.class);
            assertEquals(501, m.count());
            assertEquals(List.of(new Product(2L, "sku-0", 0), new Product(3L, "sku-1", 1), new Product(4L, "sku-2", 2),
                    new Product(5L, "sku-3", 3), new Product(1L, "widget", 3)), m.lowStock(4));
            assertEquals(1, m.take("widget", 2));
            assertEquals(0, m.take("widget", 2));
            session.rollback();
        }
        try (SqlSession session = factory.openSession()) {
            assertEquals(3, session.getMapper(ProductMapper.class).lowStock(4).stream()
                    .filter(p -> p.sku().equals("widget")).findFirst().orElseThrow().stock());
        }
    }
}
