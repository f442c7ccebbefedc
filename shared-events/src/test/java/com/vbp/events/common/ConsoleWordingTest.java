package com.vbp.events.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console words every code of the catalogue in Chinese (gateway/src/main/console/src/api/messages.js), and no
 * code the service never sends: read as text here so that the check needs no Node.js.
 */
class ConsoleWordingTest {

    @Test
    void the_console_words_exactly_the_catalogue() throws IOException {
        String js = Files.readString(Path.of("..", "gateway", "src", "main", "console", "src", "api", "messages.js"),
                StandardCharsets.UTF_8);
        String codes = js.substring(js.indexOf("const CODES = {"), js.indexOf("\n}", js.indexOf("const CODES = {")));
        Set<String> worded = new TreeSet<>();
        Matcher key = Pattern.compile("(?m)^  ([A-Z][A-Z0-9_]+):").matcher(codes);
        while (key.find()) {
            worded.add(key.group(1));
        }
        Set<String> catalogue = Arrays.stream(RefusalCode.values()).map(RefusalCode::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(worded).as("codes worded by the console").isEqualTo(catalogue);
    }
}
