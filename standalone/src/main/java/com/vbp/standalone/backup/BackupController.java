package com.vbp.standalone.backup;

import com.vbp.standalone.backup.Backups.Backup;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Online backups of the standalone instance, for the administrator (docs/operations.md): {@code POST} takes one
 * into {@code app.backup.dir} while the service runs and answers when it is written; {@code GET} lists them. A
 * backup is restored offline, into a fresh data directory, with {@code --restore} ({@link RestoreCommand}).
 */
@RestController
@RequestMapping("/api/v1/admin/backups")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Operations")
public class BackupController {

    private final Backups backups;

    public BackupController(Backups backups) {
        this.backups = backups;
    }

    public record BackupList(List<Backup> items) {
    }

    @PostMapping
    @Operation(operationId = "takeBackup", summary = "Take a consistent backup of the event store, the read models "
            + "and the token key while the service runs; 201 with its name, size in bytes, the event position it "
            + "holds every event up to, and how long it took. 409 BACKUP_RUNNING, 409 BACKUP_NOT_AVAILABLE "
            + "(read models in an external MongoDB)")
    public ResponseEntity<Backup> take() {
        return ResponseEntity.status(HttpStatus.CREATED).body(backups.take());
    }

    @GetMapping
    @Operation(operationId = "listBackups", summary = "The backups in app.backup.dir, newest first")
    public BackupList list() {
        return new BackupList(backups.list());
    }
}
