package com.vbp.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that keeps secrets out of the audit API: any field whose name contains {@code password} or
 * {@code secret} (any case) loses its text or list value, which becomes {@value #REDACTED}, wherever it is nested —
 * the BCrypt hashes of {@code AccountCreated} and {@code PasswordChanged}, the recent hashes an {@code Account} keeps.
 * Flags and counts under such names ({@code mustChangePassword}) are not secrets and stay. Applied to every payload
 * and every rebuilt aggregate state before it leaves the command side.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";
    private static final List<String> SECRET_NAME_PARTS = List.of("password", "secret");

    private Redaction() {
    }

    /** Redacts {@code tree} in place and answers it. */
    public static JsonNode redact(JsonNode tree) {
        if (tree instanceof ObjectNode object) {
            List<String> secrets = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (isSecretName(field.getKey()) && (value.isTextual() || value.isArray() || value.isBinary())) {
                    secrets.add(field.getKey());
                } else {
                    redact(value);
                }
            }
            secrets.forEach(name -> object.set(name, TextNode.valueOf(REDACTED)));
        } else if (tree != null && tree.isArray()) {
            tree.forEach(Redaction::redact);
        }
        return tree;
    }

    static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_NAME_PARTS.stream().anyMatch(lower::contains);
    }
}
