package io.github.dbbackup.jdbc.dialect;

import io.github.dbbackup.jdbc.spi.AccessChecks;
import io.github.dbbackup.jdbc.spi.ConstraintControl;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;
import io.github.dbbackup.jdbc.spi.Dialect;
import io.github.dbbackup.jdbc.spi.SchemaIntrospection;
import io.github.dbbackup.jdbc.spi.SequenceControl;
import io.github.dbbackup.jdbc.spi.SessionControl;
import io.github.dbbackup.jdbc.spi.SqlGeneration;
import io.github.dbbackup.jdbc.spi.TypeMapping;
import java.util.Objects;

/**
 * The ANSI/JDBC dialect: double-quoted identifiers, {@code REPEATABLE READ} read-only snapshot,
 * type mapping from {@link java.sql.Types} codes, values read through JDBC 4.2 {@code java.time}
 * accessors; no deferral, bypass or sequence mechanisms. Used for databases no other dialect
 * supports, and the base of every built-in dialect: a dialect passes its own facets (usually
 * subclasses of the generic ones: {@link GenericSessionControl}, {@link GenericSchemaIntrospection},
 * {@link GenericTypeMapping}, {@link GenericSqlGeneration}, {@link GenericConstraintControl}) to
 * {@link #GenericDialect(String, SessionControl, SchemaIntrospection, TypeMapping, SqlGeneration,
 * ConstraintControl, SequenceControl, AccessChecks)} and overrides {@link #supports}.
 *
 * @since 0.1
 */
public class GenericDialect implements Dialect {

    private final String name;
    private final SessionControl sessions;
    private final SchemaIntrospection introspection;
    private final TypeMapping types;
    private final SqlGeneration sql;
    private final ConstraintControl constraints;
    private final SequenceControl sequences;
    private final AccessChecks access;

    /** Creates the generic dialect, named {@code Generic}. */
    public GenericDialect() {
        this("Generic", new GenericSessionControl("Generic"), new GenericSchemaIntrospection(), new GenericTypeMapping(),
                new GenericSqlGeneration("Generic"), new GenericConstraintControl("Generic"), new SequenceControl() {
                }, new AccessChecks() {
                });
    }

    /**
     * Creates a dialect from its facets.
     *
     * @param name the dialect's name, recorded in the manifest
     * @param sessions how sessions start
     * @param introspection what the catalog says
     * @param types how values are mapped, read and bound
     * @param sql the SQL text
     * @param constraints how constraints and triggers are deferred or bypassed
     * @param sequences how sequences are moved
     * @param access what the role may not do
     * @since 0.2
     */
    protected GenericDialect(String name, SessionControl sessions, SchemaIntrospection introspection, TypeMapping types,
            SqlGeneration sql, ConstraintControl constraints, SequenceControl sequences, AccessChecks access) {
        this.name = Objects.requireNonNull(name, "name");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.introspection = Objects.requireNonNull(introspection, "introspection");
        this.types = Objects.requireNonNull(types, "types");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.constraints = Objects.requireNonNull(constraints, "constraints");
        this.sequences = Objects.requireNonNull(sequences, "sequences");
        this.access = Objects.requireNonNull(access, "access");
    }

    @Override
    public final String name() {
        return name;
    }

    /** Supports every product: the generic dialect is the fallback. */
    @Override
    public boolean supports(DatabaseProduct product) {
        return true;
    }

    @Override
    public final SessionControl sessions() {
        return sessions;
    }

    @Override
    public final SchemaIntrospection introspection() {
        return introspection;
    }

    @Override
    public final TypeMapping types() {
        return types;
    }

    @Override
    public final SqlGeneration sql() {
        return sql;
    }

    @Override
    public final ConstraintControl constraints() {
        return constraints;
    }

    @Override
    public final SequenceControl sequences() {
        return sequences;
    }

    @Override
    public final AccessChecks access() {
        return access;
    }
}
