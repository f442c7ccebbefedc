package com.vbp.gateway.consistency;

import com.vbp.events.common.ConsistencyQueries.AwaitProjections;
import com.vbp.events.common.ConsistencyQueries.ProjectionsCaughtUp;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Sends commands. A command answers once its events are stored, with the position it reached
 * ({@link ReadPositions}); the reads that follow wait for the projections they read, not the command for all of
 * them. A few rare commands whose effect must hold for other requests at once (an account disabled, a token
 * revoked, a batch created that other users are about to open) still wait for every projection.
 */
@Component
@EnableConfigurationProperties(ConsistencyProperties.class)
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ReadPositions positions;
    private final EventStreamHead head;
    private final long timeoutMillis;

    public Commands(CommandGateway commandGateway, QueryGateway queryGateway, ReadPositions positions,
                    EventStreamHead head, ConsistencyProperties consistency) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.positions = positions;
        this.head = head;
        this.timeoutMillis = consistency.timeoutMillis().toMillis();
    }

    /**
     * Sends the command; answers once its events are stored, and records the position they reached. A caller outside
     * an HTTP request (start-up tasks, tests in the same JVM) has no later request to carry the position, so it
     * waits for every projection instead.
     */
    public <R> R send(Object command) {
        R result = commandGateway.sendAndWait(command);
        long position = positions.acknowledged();
        if (!ReadPositions.inRequest()) {
            awaitProjections(position);
        }
        return result;
    }

    /**
     * Sends a command that stores nothing (a check) and answers at once: there is nothing for the projections to
     * catch up with.
     */
    public <R> R ask(Object command) {
        return commandGateway.sendAndWait(command);
    }

    /** Sends the command and waits for every projection (identity and batch commands other users depend on). */
    public <R> R sendAndAwait(Object command) {
        R result = commandGateway.sendAndWait(command);
        awaitProjections(positions.acknowledged());
        return result;
    }

    /** Sends each command in turn, stopping at the first refusal, then waits once for every projection. */
    public void sendAllAndAwait(java.util.List<?> commands) {
        for (Object command : commands) {
            commandGateway.sendAndWait(command);
        }
        awaitProjections(positions.acknowledged());
    }

    /** Records the position after a command sent by other means (an appeal with its evidence files). */
    public long acknowledged() {
        return positions.acknowledged();
    }

    /** Waits until every projection has reached the event store's head (in-process callers: tests, the demo). */
    public void awaitProjections() {
        awaitProjections(head.position());
    }

    private void awaitProjections(long position) {
        if (position < 0) {
            return;
        }
        ProjectionsCaughtUp answer = queryGateway.query(new AwaitProjections(position, timeoutMillis),
                ProjectionsCaughtUp.class).join();
        if (!answer.caughtUp()) {
            log.warn("Projections {} did not reach position {} within {} ms", answer.lagging(), position,
                    timeoutMillis);
        }
    }
}
