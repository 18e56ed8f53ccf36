package io.github.dbbackup.core.internal.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one shared {@link JsonFactory} and small helpers around it.
 *
 * <p>Auto-close of targets, sources and content is off: a generator abandoned after a failure never
 * writes closing brackets, so a failed write never looks like a well-formed document, and we never
 * close streams we do not own.
 */
public final class JsonFormat {

    /** Longest string value accepted when reading (base64 of a 384 MiB binary value). */
    static final int MAX_STRING_LENGTH = 512 * 1024 * 1024;

    /** The shared factory. Thread-safe. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Characters outside the BMP (emoji) as plain UTF-8, not as escaped surrogate pairs.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNestingDepth(64)
                    .maxNumberLength(1000)
                    .build())
            .build();

    private JsonFormat() {
    }

    /**
     * Reads the value at the parser's current token as plain Java objects: {@code LinkedHashMap},
     * {@code ArrayList}, {@code String}, {@code Long}/{@code BigInteger}, {@code Double},
     * {@code Boolean} or {@code null}. For small documents (manifests, sidecars) only.
     *
     * @param p a parser positioned on the value's first token
     * @return the value
     * @throws IOException when the JSON is malformed or ends early
     */
    static Object readTree(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("unexpected end of input");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (true) {
                    JsonToken n = p.nextToken();
                    if (n == JsonToken.END_OBJECT) {
                        return map;
                    }
                    if (n != JsonToken.FIELD_NAME) {
                        throw new IOException("unexpected end of input inside an object");
                    }
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, readTree(p));
                }
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (true) {
                    JsonToken n = p.nextToken();
                    if (n == JsonToken.END_ARRAY) {
                        return list;
                    }
                    if (n == null) {
                        throw new IOException("unexpected end of input inside an array");
                    }
                    list.add(readTree(p));
                }
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + t);
        }
    }
}
