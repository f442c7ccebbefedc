package com.vbp.standalone.backup;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/** {@code app.backup.dir}: where the online backups are written; unset, {@code <app.data-dir>/backups}. */
@ConfigurationProperties("app.backup")
public record BackupProperties(Path dir) {

    public Path dirUnder(Path dataDir) {
        return (dir != null ? dir : dataDir.resolve("backups")).toAbsolutePath().normalize();
    }
}
