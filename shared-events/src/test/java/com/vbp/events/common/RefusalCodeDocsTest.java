package com.vbp.events.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/refusal-codes.md is the catalogue as client developers read it: written from {@link RefusalCode}, so that it
 * can never list a code the service does not send or miss one it does. {@code -Drefusals.update=true} rewrites it.
 */
class RefusalCodeDocsTest {

    private static final Path DOC = Path.of("..", "docs", "refusal-codes.md");

    @Test
    void the_documented_catalogue_is_the_enum() throws IOException {
        String expected = document();
        if (Boolean.getBoolean("refusals.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertThat(DOC).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/refusal-codes.md is out of step with RefusalCode: run "
                        + "./mvnw -pl shared-events test -Dtest=RefusalCodeDocsTest -Drefusals.update=true")
                .isEqualTo(expected);
    }

    private static String document() {
        String rows = Arrays.stream(RefusalCode.values())
                .map(c -> "| `" + c.code() + "` | " + c.status() + " | " + c.message().replace("|", "\\|") + " |")
                .collect(Collectors.joining("\n"));
        return """
                # Refusal codes

                Every problem the API answers (`application/problem+json`) carries a `code` from this list, with the
                HTTP status beside it. The list is written from the one catalogue in the code
                (`shared-events/src/main/java/com/vbp/events/common/RefusalCode.java`) by `RefusalCodeDocsTest`, and
                the OpenAPI document publishes the same list as the `code` enum of its `Problem` schema. A code is never
                renamed; the sentence is the default `detail`, which a rule may replace by one with its figures.

                | code | status | default sentence |
                |---|---|---|
                """ + rows + "\n";
    }
}
