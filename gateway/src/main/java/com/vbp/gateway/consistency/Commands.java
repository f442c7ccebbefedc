package com.vbp.gateway.consistency;

import com.vbp.events.common.ConsistencyQueries.AwaitProjections;
import com.vbp.events.common.ConsistencyQueries.ProjectionsCaughtUp;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends a command and, unless the client asked for {@code X-Consistency: eventual}, answers only
 * once the projections have processed the event stream up to the head it reached: a read straight
 * after a command sees its effect.
 */
@Component
public class Commands {

    public static final String CONSISTENCY_HEADER = "X-Consistency";
    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final EventStore eventStore;
    private final long timeoutMillis;

    public Commands(CommandGateway commandGateway, QueryGateway queryGateway, EventStore eventStore,
                    @Value("${app.consistency.timeout-millis:10000}") long timeoutMillis) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.eventStore = eventStore;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends the command, waits for its events to be stored and (by default) projected. */
    public <R> R send(Object command) {
        R result = commandGateway.sendAndWait(command);
        if (!eventualRequested()) {
            awaitProjections();
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

    /** Sends the command and always waits for the projections (used where a token depends on them). */
    public <R> R sendAndAwait(Object command) {
        R result = commandGateway.sendAndWait(command);
        awaitProjections();
        return result;
    }

    /** Sends each command in turn, stopping at the first refusal, then waits once for the projections. */
    public void sendAllAndAwait(java.util.List<?> commands) {
        for (Object command : commands) {
            commandGateway.sendAndWait(command);
        }
        awaitProjections();
    }

    public void awaitProjections() {
        TrackingToken head = eventStore.createHeadToken();
        long position = head == null ? -1 : head.position().orElse(-1);
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

    private static boolean eventualRequested() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return "eventual".equalsIgnoreCase(attributes.getRequest().getHeader(CONSISTENCY_HEADER));
        }
        return false;
    }
}
