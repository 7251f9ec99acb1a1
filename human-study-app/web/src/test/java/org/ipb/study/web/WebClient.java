package org.ipb.study.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ipb.core.Json;

/** A participant's page reduced to its HTTP calls, for the HTTP and load tests. */
final class WebClient {
    /** A reply: status and JSON body (null when not JSON). */
    record Reply(int status, JsonNode json, String text) {}

    private final HttpClient http;
    private final String base;

    WebClient(HttpClient http, int port, String token) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port + "/api/" + token + "/";
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply send(HttpRequest r) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        JsonNode j = null;
        try {
            j = Json.MAPPER.readTree(res.body());
        } catch (IOException e) {
            // not JSON
        }
        return new Reply(res.statusCode(), j, res.body());
    }

    Reply proceed(JsonNode screen) throws IOException, InterruptedException {
        return post("proceed", "{\"seq\":" + screen.get("seq").asLong() + "}");
    }

    Reply answer(int trial, int button, double rtMs) throws IOException, InterruptedException {
        return post("answer", "{\"trial\":" + trial + ",\"button\":" + button + ",\"rt_ms\":" + rtMs + "}");
    }
}
