package io.github.dbbackup.jdbc.testing;

@WithDatabase(DatabaseKind.H2)
class H2QaAppSchemaIT extends QaAppSchemaIT {
}
