package io.github.dbbackup.codec.zstd;

import io.github.dbbackup.core.spi.Codec;
import io.github.dbbackup.core.spi.CodecProvider;

/**
 * Registers {@link ZstdCodec} with {@link java.util.ServiceLoader}, so that
 * {@link io.github.dbbackup.core.Codecs#byId(String) Codecs.byId("zstd")} finds it.
 *
 * @since 0.1
 */
public final class ZstdCodecProvider implements CodecProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public ZstdCodecProvider() {
    }

    @Override
    public Codec create() {
        return ZstdCodec.create();
    }
}
