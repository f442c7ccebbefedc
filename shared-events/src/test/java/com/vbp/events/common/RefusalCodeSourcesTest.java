package com.vbp.events.common;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue is the one home of every refusal code: main code of every module (read from the sources, the
 * test's working directory being this module's) names a code only through {@link RefusalCode}, never as a string
 * literal, and every code of the catalogue is answered somewhere.
 */
class RefusalCodeSourcesTest {

    private static final String CATALOGUE = "RefusalCode.java";
    private static final Set<String> CODES = Arrays.stream(RefusalCode.values()).map(RefusalCode::code)
            .collect(Collectors.toSet());

    private static List<Path> sources;

    @BeforeAll
    static void readSources() throws IOException {
        try (Stream<Path> modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
            List<Path> roots = modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList();
            List<Path> found = new ArrayList<>();
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".java")).forEach(found::add);
                }
            }
            sources = found;
        }
        // this module, the command side and the gateway at least: a wrong working directory must not pass unseen
        assertThat(sources).anyMatch(p -> p.endsWith(CATALOGUE))
                .anyMatch(p -> p.toString().contains("command-side"))
                .anyMatch(p -> p.toString().contains("gateway"));
    }

    @Test
    void no_main_code_writes_a_refusal_code_as_a_string_literal() {
        List<String> loose = new ArrayList<>();
        for (Path file : sources) {
            if (file.endsWith(CATALOGUE)) {
                continue;
            }
            JavaText text = JavaText.of(read(file));
            for (JavaText.Literal literal : text.literals()) {
                if (CODES.contains(literal.value())) {
                    loose.add(file + ":" + literal.line() + ": \"" + literal.value() + "\"");
                }
            }
        }
        assertThat(loose).as("write RefusalCode.X instead of \"X\"").isEmpty();
    }

    @Test
    void every_code_of_the_catalogue_is_named_by_main_code() {
        StringBuilder code = new StringBuilder();
        for (Path file : sources) {
            if (!file.endsWith(CATALOGUE)) {
                code.append(JavaText.of(read(file)).code()).append('\n');
            }
        }
        String all = code.toString();
        List<String> unused = CODES.stream()
                .filter(c -> !Pattern.compile("\\b" + c + "\\b").matcher(all).find()).sorted().toList();
        assertThat(unused).as("codes no refusal answers: remove them from the catalogue").isEmpty();
    }

    @Test
    void the_scanner_finds_literals_but_not_comments_or_characters() {
        JavaText text = JavaText.of("""
                char q = '"'; // "IN_A_COMMENT"
                /* "IN_A_BLOCK" */ String s = "FIRST" + "a \\" quote";
                String t = \"""
                    TEXT_BLOCK
                    \""";
                """);
        assertThat(text.literals()).extracting(JavaText.Literal::value)
                .containsExactly("FIRST", "a \\\" quote", "\n    TEXT_BLOCK\n    ");
        assertThat(text.literals().get(0).line()).isEqualTo(2);
        assertThat(text.code()).doesNotContain("IN_A_COMMENT").doesNotContain("IN_A_BLOCK").contains("String s");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java source split into its string literals and its code without comments, literals or characters. */
    record JavaText(List<Literal> literals, String code) {

        record Literal(String value, int line) {
        }

        static JavaText of(String source) {
            List<Literal> literals = new ArrayList<>();
            StringBuilder code = new StringBuilder();
            int line = 1;
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    int end = source.indexOf('\n', i);
                    i = end < 0 ? n : end;
                } else if (source.startsWith("/*", i)) {
                    int end = source.indexOf("*/", i + 2);
                    int stop = end < 0 ? n : end + 2;
                    line += count(source, i, stop);
                    i = stop;
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = source.indexOf("\"\"\"", i + 3);
                    int stop = end < 0 ? n : end;
                    literals.add(new Literal(source.substring(source.indexOf('\n', i), stop), line));
                    line += count(source, i, stop);
                    i = stop + 3;
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < n && source.charAt(j) != c) {
                        j += source.charAt(j) == '\\' ? 2 : 1;
                    }
                    if (c == '"') {
                        literals.add(new Literal(source.substring(i + 1, Math.min(j, n)), line));
                    }
                    code.append(' ');
                    i = j + 1;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    code.append(c);
                    i++;
                }
            }
            return new JavaText(List.copyOf(literals), code.toString());
        }

        private static int count(String s, int from, int to) {
            int lines = 0;
            for (int k = from; k < to; k++) {
                if (s.charAt(k) == '\n') {
                    lines++;
                }
            }
            return lines;
        }
    }
}
