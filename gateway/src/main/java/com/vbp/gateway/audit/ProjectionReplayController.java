package com.vbp.gateway.audit;

import com.vbp.events.audit.ProjectionReplayCommands.FetchReplayProgress;
import com.vbp.events.audit.ProjectionReplayCommands.ListProjections;
import com.vbp.events.audit.ProjectionReplayCommands.ProjectionList;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayProgress;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayStart;
import com.vbp.events.audit.ProjectionReplayCommands.StartReplay;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Online rebuild of a projection (API.md): {@code POST /api/v1/admin/projections/{name}/replay} rebuilds the
 * processing group {@code name}'s read model from the first event beside the live one and switches it in once it
 * has caught up; {@code GET} the same path shows the progress. While it runs, that projection's reads answer the
 * live figures; a failed replay leaves them in place. The command is sent without waiting for the projections (the
 * replay would not catch up within a request).
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Audit")
public class ProjectionReplayController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    public ProjectionReplayController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    public record ProjectionsResponse(List<ReplayProgress> items) {
    }

    @GetMapping
    @Operation(operationId = "listProjections",
            summary = "Every projection (processing group) that can be named for a replay, with its progress")
    public ProjectionsResponse list() {
        return new ProjectionsResponse(queries.query(new ListProjections(), ProjectionList.class).join().items());
    }

    @PostMapping("/{name}/replay")
    @Operation(operationId = "replayProjection",
            summary = "Rebuild a projection from the event history while the service runs; 202 with the "
            + "progress. 404 UNKNOWN_PROJECTION, 409 REPLAY_RUNNING, 409 REPLAY_NOT_ALLOWED (accounts), 409 REPLAY_HELD_ELSEWHERE")
    public ResponseEntity<ReplayProgress> replay(@AuthenticationPrincipal CurrentUser admin,
                                                 @PathVariable String name) {
        ReplayStart start = commands.sendAndWait(new StartReplay(name, admin.username()));
        return switch (start.outcome()) {
            case STARTED -> ResponseEntity.status(HttpStatus.ACCEPTED).body(start.progress());
            case UNKNOWN_PROJECTION -> throw unknown(name);
            case REPLAY_RUNNING -> throw refused(RefusalCode.REPLAY_RUNNING,
                    "A replay of projection " + name + " is still running", start.progress());
            case REPLAY_NOT_ALLOWED -> throw refused(RefusalCode.REPLAY_NOT_ALLOWED, "Projection " + name
                    + " backs every request's token check and may not be rebuilt while the service runs; "
                    + "rebuild it offline (docs/operations.md)", start.progress());
            case REPLAY_HELD_ELSEWHERE -> throw refused(RefusalCode.REPLAY_HELD_ELSEWHERE, "Another query-side "
                    + "instance is working on projection " + name + ": stop that instance (or scale the query side to "
                    + "one) and ask again (docs/operations.md, Scaling)", start.progress());
        };
    }

    @GetMapping("/{name}/replay")
    @Operation(operationId = "getReplayProgress",
            summary = "Progress of the projection's replay: position reached, head, events per second, done")
    public ReplayProgress progress(@PathVariable String name) {
        ReplayProgress progress = queries.query(new FetchReplayProgress(name), ReplayProgress.class).join();
        if (progress == null) {
            throw unknown(name);
        }
        return progress;
    }

    private static Refused unknown(String name) {
        return new Refused(new Refusal(RefusalCode.UNKNOWN_PROJECTION,
                "No projection is named " + name, Map.of("projection", name), List.of()));
    }

    private static Refused refused(RefusalCode code, String message, ReplayProgress progress) {
        return new Refused(new Refusal(code, message, Map.of("projection",
                progress.projection(), "positionReached", progress.positionReached(), "resetPosition",
                progress.resetPosition()), List.of()));
    }
}
