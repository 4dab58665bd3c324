package io.tableos.db.catalog.system;

import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.ForeignKeyDef;
import io.tableos.db.catalog.TableDef;

/**
 * A CHECK ('c') or FOREIGN KEY ('f') constraint as pg_constraint shows it; primary keys and
 * UNIQUE constraints are shown through their {@link PgIndex}.
 *
 * @param check              the CHECK, or null for a foreign key
 * @param foreignKey         the foreign key, or null for a CHECK
 * @param referenced         the referenced table of a foreign key, or null
 * @param referencedIndexOid OID of the referenced table's unique index (conindid), or 0
 */
public record PgConstraint(long oid, TableDef table, CheckConstraintDef check, ForeignKeyDef foreignKey, TableDef referenced,
                           long referencedIndexOid) {

    public String name() {
        return check != null ? check.name() : foreignKey.name();
    }

    public char type() {
        return check != null ? 'c' : 'f';
    }
}
