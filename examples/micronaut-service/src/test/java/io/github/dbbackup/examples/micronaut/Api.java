package io.github.dbbackup.examples.micronaut;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Real HTTP calls to the service, answering status and body whatever the status. */
final class Api {
    static final String BACKUP = "/api/cron/backup-database";
    static final String LIST = "/api/backups";

    private final HttpClient client;
    private final JsonMapper json;

    Api(HttpClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    /** A response: status code, body text (empty when none) and the WWW-Authenticate header. */
    record Reply(int status, String body, String wwwAuthenticate) {
    }

    Reply get(String path, String authorization) {
        return send(HttpRequest.GET(path), authorization);
    }

    Reply post(String path, String authorization) {
        return send(HttpRequest.POST(path, ""), authorization);
    }

    Reply send(MutableHttpRequest<?> request, String authorization) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, String.class);
            return new Reply(response.code(), response.getBody().orElse(""), response.header("WWW-Authenticate"));
        } catch (HttpClientResponseException e) {
            HttpResponse<?> response = e.getResponse();
            return new Reply(response.code(), response.getBody(String.class).orElse(""),
                    response.header("WWW-Authenticate"));
        }
    }

    Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
