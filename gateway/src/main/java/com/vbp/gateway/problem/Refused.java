package com.vbp.gateway.problem;

import com.vbp.events.common.Refusal;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** A refusal decided in the gateway itself (unknown batch, wrong role for a resource…). */
public class Refused extends RuntimeException {

    private final HttpStatus status;
    private final transient Refusal refusal;

    public Refused(HttpStatus status, String code, String message) {
        this(status, new Refusal(code, message, Map.of(), java.util.List.of()));
    }

    public Refused(HttpStatus status, Refusal refusal) {
        super(refusal.code() + ": " + refusal.message());
        this.status = status;
        this.refusal = refusal;
    }

    public HttpStatus status() {
        return status;
    }

    public Refusal refusal() {
        return refusal;
    }

    public static Refused notFound(String code, String message) {
        return new Refused(HttpStatus.NOT_FOUND, code, message);
    }

    public static Refused forbidden(String message) {
        return new Refused(HttpStatus.FORBIDDEN, "FORBIDDEN", message);
    }
}
