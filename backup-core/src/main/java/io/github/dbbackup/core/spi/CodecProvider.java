package io.github.dbbackup.core.spi;


/**
 * Creates a {@link Codec} that is not built in; registered in
 * {@code META-INF/services/io.github.dbbackup.core.spi.CodecProvider} and found by
 * {@link io.github.dbbackup.core.Codecs#byId(String)}, so that readers recognise the codec a manifest names. A provider
 * that fails (for example because a native library does not load) is logged and skipped, and its
 * failure is part of the message when its codec is asked for. Two codecs with the same id are an
 * error that names both.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 *
 * @since 0.1
 */
public interface CodecProvider {

    /**
     * Creates the codec.
     *
     * @return the codec; its {@link Codec#id()} must not be {@code gzip} or {@code none}
     * @throws RuntimeException when the codec cannot work here; the message says why
     */
    Codec create();
}
