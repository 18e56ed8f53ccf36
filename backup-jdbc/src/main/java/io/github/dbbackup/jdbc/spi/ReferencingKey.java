package io.github.dbbackup.jdbc.spi;

import io.github.dbbackup.core.manifest.ForeignKey;
import java.util.Objects;

/**
 * A foreign key of a table in another schema that references a table of the restore's schema
 * ({@link SchemaIntrospection#referencingKeysFromOtherSchemas}).
 *
 * @param schema the referencing table's schema (or database)
 * @param table the referencing table
 * @param foreignKey the constraint; its {@code referencedTable} is in the restore's schema
 * @since 0.2
 */
public record ReferencingKey(String schema, String table, ForeignKey foreignKey) {

    /** Checks the fields. */
    public ReferencingKey {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(foreignKey, "foreignKey");
    }
}
