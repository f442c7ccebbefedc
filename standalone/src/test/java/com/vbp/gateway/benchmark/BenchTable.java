package com.vbp.gateway.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The write→read benchmark's one table: each step's figure beside the raw limit measured in the same run, their
 * ratio and the target. Printed as markdown lines starting {@code BENCH |} and written with the commit and
 * the load average to a file for docs/benchmarks.md.
 */
final class BenchTable {

    /**
     * {@code value}: the step's headline number (what {@code figure} starts with); {@code ratio} and {@code met}
     * are null where the step has no raw limit or no target.
     */
    record Row(String step, double value, String figure, String raw, Double ratio, String target, Boolean met) {

        String markdown() {
            return "| " + step + " | " + figure + " | " + (raw == null ? "" : raw) + " | "
                    + (ratio == null ? "" : String.format(Locale.ROOT, "%.3f", ratio)) + " | "
                    + (target == null ? "" : target) + " | " + (met == null ? "" : met ? "yes" : "**no**") + " |";
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String commit = git("rev-parse", "--short", "HEAD");
    private final String loadAtStart = loadAverage();

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println("BENCH-ROW " + row.markdown());
    }

    /** A sentence printed under the table: what the figures were taken on, counts of errors… */
    synchronized void note(String text) {
        notes.add(text);
        System.out.println("BENCH-NOTE " + text);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** Prints the table and writes it to {@code file}. */
    synchronized String finish(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("| step | figure | raw limit, same run | ratio | target | met? |");
        lines.add("|---|---|---|---|---|---|");
        rows.forEach(r -> lines.add(r.markdown()));
        for (String line : lines) {
            System.out.println("BENCH " + line);
        }
        StringBuilder md = new StringBuilder();
        md.append("Commit ").append(commit).append(", load average at start ").append(loadAtStart)
                .append(", at end ").append(loadAverage()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores.\n\n");
        lines.forEach(l -> md.append(l).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("BENCH table written to " + file.toAbsolutePath());
        return md.toString();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
