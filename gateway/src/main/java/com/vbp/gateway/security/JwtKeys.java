package com.vbp.gateway.security;

import com.vbp.service.StorageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC key tokens are signed with. {@code app.security.jwt-secret} (env {@code APP_JWT_SECRET},
 * at least 32 bytes) is used when set, and must be set in distributed mode so every gateway agrees;
 * otherwise a random key is created once in the data directory, so tokens survive a restart.
 */
@Component
@EnableConfigurationProperties(TokenProperties.class)
public class JwtKeys {

    private final SecretKey key;

    public JwtKeys(TokenProperties tokens, StorageProperties storage) {
        String secret = tokens.jwtSecret();
        byte[] bytes = secret.isBlank() ? keyFile(storage.dataDir()) : secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("app.security.jwt-secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public SecretKey key() {
        return key;
    }

    private static byte[] keyFile(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("jwt.key");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // written beside it, synced and moved in one step: a kill during the first start leaves no empty key
            Path part = Files.createTempFile(file.getParent(), "jwt.key", ".part");
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(Base64.getEncoder().encode(fresh)));
                out.force(true);
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token key " + file, e);
        }
    }
}
