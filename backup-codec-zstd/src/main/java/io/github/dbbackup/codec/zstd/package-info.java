/**
 * The optional zstd codec: {@link io.github.dbbackup.codec.zstd.ZstdCodec}, registered through
 * {@link io.github.dbbackup.codec.zstd.ZstdCodecProvider} so that readers find it with
 * {@code Codecs.byId("zstd")} as soon as this jar is on the class path.
 *
 * <p>Stability: public API (the codec and its provider). Non-null by default.
 */
package io.github.dbbackup.codec.zstd;
