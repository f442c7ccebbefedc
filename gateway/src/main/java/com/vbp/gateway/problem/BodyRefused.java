package com.vbp.gateway.problem;

import com.vbp.events.common.Refusal;

import java.io.IOException;

/**
 * Thrown by a request body's stream that refuses to be read further (one over its size limit): whoever was reading
 * it, JSON conversion included, the answer is this refusal.
 */
public class BodyRefused extends IOException {

    private final transient Refusal refusal;

    public BodyRefused(Refusal refusal) {
        super(refusal.code() + ": " + refusal.message());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
