package com.vbp.gateway.reliability;

import com.vbp.gateway.reliability.Sent.Kind;
import com.vbp.gateway.reliability.Sent.Outcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One client of the crash test, sending one command at a time and keeping the ledger of what each ended as. A
 * command left without an answer (the process was killed under it) or answered 5xx is looked up in the history
 * once a process is up again: the event store, not the client, says whether it happened, so the client's picture
 * of its own data stays exact across kills.
 */
final class CrashClient {

    /** One attempt to send a command to the process listening on {@code port}. */
    interface Request {
        CrashHttp.Reply send(int port, String correlationId) throws IOException;
    }

    private final String name;
    private final LiveApp app;
    private final CrashHttp http;
    private final String historyToken;
    private final BooleanSupplier stopping;
    private final List<Sent> ledger = Collections.synchronizedList(new ArrayList<>());
    private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    private int counter;

    /** {@code historyToken}: an auditor's (or the administrator's) token, to look unanswered commands up. */
    CrashClient(String name, LiveApp app, String historyToken, BooleanSupplier stopping) {
        this.name = name;
        this.app = app;
        this.http = new CrashHttp(app, new AtomicLong(-1));
        this.historyToken = historyToken;
        this.stopping = stopping;
    }

    CrashHttp http() {
        return http;
    }

    /** Sends the command once and answers how it ended; the ledger keeps it. */
    Sent execute(Kind kind, String aggregateId, String line, Map<String, Long> entries, Request request) {
        String correlationId = "crash-" + name + "-" + String.format("%06d", ++counter);
        Sent sent = new Sent(correlationId, kind, aggregateId, line, entries, null, 0);
        int generation = app.awaitUp();
        CrashHttp.Reply reply;
        try {
            reply = request.send(app.port(), correlationId);
        } catch (IOException killed) {
            reply = null;
        }
        Sent ended;
        if (reply != null && reply.ok()) {
            ended = sent.ended(Outcome.ACKNOWLEDGED, reply.status());
        } else if (reply != null && reply.status() < 500) {
            ended = sent.ended(Outcome.REFUSED, reply.status());
            refusals.add(correlationId + " " + kind + " " + aggregateId + " " + line + " " + entries + ": "
                    + reply.status() + " " + reply.body());
        } else {
            if (reply == null) {
                // The command may still be committing in the dying process; only a later one tells for sure.
                app.awaitGenerationAfter(generation, stopping);
            }
            boolean applied = http.history(historyToken, "&aggregateId=" + CrashHttp.encode(aggregateId)).stream()
                    .anyMatch(e -> correlationId.equals(e.path("metadata").path("correlationId").asText()));
            ended = sent.ended(applied ? Outcome.APPLIED_UNANSWERED : Outcome.LOST_UNANSWERED,
                    reply == null ? -1 : reply.status());
        }
        ledger.add(ended);
        return ended;
    }

    /** Every command sent, in the order they ended. */
    List<Sent> ledger() {
        synchronized (ledger) {
            return List.copyOf(ledger);
        }
    }

    /** The 4xx answers: every command was sent because the client's picture said it would be accepted. */
    List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }
}
