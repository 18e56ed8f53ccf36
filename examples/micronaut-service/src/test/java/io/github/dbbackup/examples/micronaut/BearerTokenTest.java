package io.github.dbbackup.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void acceptsOnlyTheExactSecretAfterTheBearerScheme() {
        assertThat(BearerToken.matches("s3cret", "Bearer s3cret")).isTrue();
        assertThat(BearerToken.matches("s3cret", "bearer s3cret")).isTrue();
        assertThat(BearerToken.matches("s3cret", "BEARER  s3cret ")).isTrue();

        assertThat(BearerToken.matches("s3cret", null)).isFalse();
        assertThat(BearerToken.matches("s3cret", "")).isFalse();
        assertThat(BearerToken.matches("s3cret", "Bearer")).isFalse();
        assertThat(BearerToken.matches("s3cret", "Bearer ")).isFalse();
        assertThat(BearerToken.matches("s3cret", "s3cret")).isFalse();
        assertThat(BearerToken.matches("s3cret", "Basic s3cret")).isFalse();
        assertThat(BearerToken.matches("s3cret", "Bearer s3cre")).isFalse();
        assertThat(BearerToken.matches("s3cret", "Bearer s3cretx")).isFalse();
        assertThat(BearerToken.matches("s3cret", "Bearer S3CRET")).isFalse();
    }

    @Test
    void aBlankSecretMatchesNothing() {
        assertThat(BearerToken.matches("", "Bearer ")).isFalse();
        assertThat(BearerToken.matches(" ", "Bearer  ")).isFalse();
    }
}
