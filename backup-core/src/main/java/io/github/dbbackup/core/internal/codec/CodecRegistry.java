package io.github.dbbackup.core.internal.codec;

import io.github.dbbackup.core.spi.Codec;
import io.github.dbbackup.core.spi.CodecProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds codecs by id: the built-in ones and those of {@link CodecProvider}s on the class path. */
public final class CodecRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(CodecRegistry.class);

    /** Codecs that dbbackup modules provide, and the module to add for each. */
    private static final Map<String, String> MODULES = Map.of("zstd", "io.github.dbbackup:backup-codec-zstd");

    /** Stops a class path whose service files keep failing from looping forever. */
    private static final int MAX_FAILURES = 64;

    /** The built-in gzip codec. */
    public static final Codec GZIP = new GzipCodec();

    /** The built-in codec that does not compress. */
    public static final Codec NONE = new UncompressedCodec();

    private CodecRegistry() {
    }

    /**
     * Finds a codec; see {@link io.github.dbbackup.core.Codecs#byId(String)}.
     *
     * @param id the codec's id, case-insensitive
     * @return the only codec with that id
     * @throws IllegalArgumentException when none or several have it, naming the known codecs and how
     *     to add the missing one
     */
    public static Codec find(String id) {
        Objects.requireNonNull(id, "id");
        String wanted = id.toLowerCase(Locale.ROOT);
        List<Codec> all = new ArrayList<>(List.of(GZIP, NONE));
        List<String> failures = new ArrayList<>();
        Iterator<CodecProvider> it = ServiceLoader.load(CodecProvider.class, CodecRegistry.class.getClassLoader()).iterator();
        while (failures.size() < MAX_FAILURES) {
            CodecProvider provider = null;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
                all.add(Objects.requireNonNull(provider.create(), "the codec its create() returned"));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                String who = provider == null ? "a CodecProvider" : provider.getClass().getName();
                LOG.warn("{} failed to load and is skipped: {}", who, e.toString());
                failures.add(who + " (" + e + ")");
            }
        }
        List<Codec> matches = all.stream().filter(c -> wanted.equals(c.id())).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("codec '" + wanted + "' is provided several times, by "
                    + matches.stream().map(c -> c.getClass().getName()).toList()
                    + "; keep only one of the jars that provide it on the class path");
        }
        String known = all.stream().map(Codec::id).distinct().sorted().collect(Collectors.joining(", "));
        String module = MODULES.get(wanted);
        String fix = module != null
                ? "add " + module + " (the same version as backup-core) to the class path, or upgrade dbbackup"
                : "add the module that provides it to the class path, or upgrade dbbackup";
        throw new IllegalArgumentException("codec '" + id + "' is not available here (known codecs: " + known + "); "
                + fix + (failures.isEmpty() ? "" : "; codec providers that failed to load: " + String.join(", ", failures)));
    }

    /**
     * Says why a set cannot be read when its codec is missing here.
     *
     * @param setId the set
     * @param codecId the codec its manifest names
     * @param lookupFailure the failure of {@link #find(String)}
     * @return the message
     */
    public static String unreadable(String setId, String codecId, IllegalArgumentException lookupFailure) {
        return "Backup set '" + setId + "' uses codec '" + codecId + "', which this dbbackup cannot"
                + " read: " + lookupFailure.getMessage() + ". Nothing of the set was read";
    }
}
