package com.vbp.gateway.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's files as the jar serves them: public (like any login page), compressed for a browser that accepts
 * it, and nothing else opened by them: the API still wants a token.
 */
class ConsoleFilesTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void the_console_is_served_at_the_root_its_scripts_compressed_and_the_api_still_closed() throws Exception {
        String base = "http://localhost:" + ConsoleApp.port();
        HttpResponse<String> index = get(base + "/", "identity");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.body()).contains("<div id=\"app\">").doesNotContain("//cdn").doesNotContain("https://");

        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index.body());
        assertThat(script.find()).as("index.html names its script").isTrue();
        HttpResponse<String> js = get(base + script.group(1), "gzip");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Encoding")).hasValue("gzip");

        assertThat(get(base + "/api/v1/me", "identity").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String url, String encoding) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", encoding).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
