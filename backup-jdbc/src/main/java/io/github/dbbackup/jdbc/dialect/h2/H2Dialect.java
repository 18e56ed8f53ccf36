package io.github.dbbackup.jdbc.dialect.h2;

import io.github.dbbackup.jdbc.dialect.GenericDialect;
import io.github.dbbackup.jdbc.dialect.GenericSchemaIntrospection;
import io.github.dbbackup.jdbc.dialect.GenericSessionControl;
import io.github.dbbackup.jdbc.spi.AccessChecks;
import io.github.dbbackup.jdbc.spi.DatabaseProduct;

/**
 * H2 2.x: snapshot at {@code REPEATABLE READ} (MVStore keeps a consistent view per transaction);
 * {@code UUID}, {@code JSON}, {@code ENUM}, intervals and typed arrays ({@code INTEGER ARRAY}) mapped
 * from their type names; identities and sequences restarted after the restore commits.
 *
 * @since 0.1
 */
public class H2Dialect extends GenericDialect {

    /** Creates the dialect. */
    public H2Dialect() {
        this(new H2SqlGeneration());
    }

    private H2Dialect(H2SqlGeneration sql) {
        super("H2", new GenericSessionControl("H2"), new GenericSchemaIntrospection(), new H2TypeMapping(), sql,
                new H2ConstraintControl(), new H2SequenceControl(sql), new AccessChecks() {
                });
    }

    @Override
    public boolean supports(DatabaseProduct product) {
        return product.name().equalsIgnoreCase("H2");
    }
}
