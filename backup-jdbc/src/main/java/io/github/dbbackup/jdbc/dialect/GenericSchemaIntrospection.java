package io.github.dbbackup.jdbc.dialect;

import io.github.dbbackup.jdbc.spi.SchemaIntrospection;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The ANSI/JDBC introspection: the connection's current schema ({@link Connection#getSchema()}) as the
 * default, schemas that are not catalogs, and nothing beyond {@link java.sql.DatabaseMetaData}.
 *
 * @since 0.2
 */
public class GenericSchemaIntrospection implements SchemaIntrospection {

    /** Creates the generic introspection. */
    public GenericSchemaIntrospection() {
    }

    /** The connection's schema, or the empty string when it has none. */
    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        String schema = connection.getSchema();
        return schema == null ? "" : schema;
    }
}
