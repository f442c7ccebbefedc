package com.vbp.gateway.problem;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import org.springframework.http.HttpStatus;

/**
 * A refusal decided in the gateway itself (unknown batch, wrong role for a resource…), answered with its code's
 * status from the catalogue.
 */
public class Refused extends RuntimeException {

    private final transient Refusal refusal;

    /** With the catalogue's own sentence. */
    public Refused(RefusalCode code) {
        this(Refusal.of(code));
    }

    public Refused(RefusalCode code, String message) {
        this(Refusal.of(code, message));
    }

    public Refused(Refusal refusal) {
        super(refusal.code() + ": " + refusal.message());
        this.refusal = refusal;
    }

    public HttpStatus status() {
        return ProblemHandler.status(refusal);
    }

    public Refusal refusal() {
        return refusal;
    }
}
