package io.github.dbbackup.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSpecTest {

    @Test
    void ofBacksUpEveryColumnAndRow() {
        TableSpec spec = TableSpec.of("users");

        assertThat(spec.table()).isEqualTo("users");
        assertThat(spec.columns()).isEmpty();
        assertThat(spec.excludedColumns()).isEmpty();
        assertThat(spec.placeholders()).isEmpty();
        assertThat(spec.rowFilter()).isEmpty();
    }

    @Test
    void everyChangeReturnsANewSpecAndLeavesTheOriginalAlone() {
        TableSpec base = TableSpec.of("users");

        TableSpec changed = base.excludeColumn("password_hash", "Reset passwords")
                .placeholder("password_hash", "RESET_REQUIRED")
                .excludeColumns("totp_secret", "recovery_codes")
                .where("deleted_at IS NULL");

        assertThat(base).isEqualTo(TableSpec.of("users"));
        assertThat(changed.excludedColumns()).containsExactly(Map.entry("password_hash", "Reset passwords"),
                Map.entry("totp_secret", ""), Map.entry("recovery_codes", ""));
        assertThat(changed.placeholders()).containsExactly(Map.entry("password_hash", "RESET_REQUIRED"));
        assertThat(changed.rowFilter()).isEqualTo("deleted_at IS NULL");
    }

    @Test
    void columnsAccumulate() {
        assertThat(TableSpec.of("t").columns("a").columns("b", "c").columns()).containsExactly("a", "b", "c");
    }

    @Test
    void exposesUnmodifiableCollections() {
        TableSpec spec = TableSpec.of("t").columns("a").excludeColumn("b", "").placeholder("b", "x");

        assertThatThrownBy(() -> spec.columns().add("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.excludedColumns().put("z", "")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.placeholders().put("z", "")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsABlankTableAndNullArguments() {
        assertThatThrownBy(() -> TableSpec.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table must not be blank");
        assertThatThrownBy(() -> TableSpec.of("t").excludeColumn(null, "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TableSpec.of("t").excludeColumn("c", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TableSpec.of("t").placeholder("c", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TableSpec.of("t").where(null)).isInstanceOf(NullPointerException.class);
    }
}
