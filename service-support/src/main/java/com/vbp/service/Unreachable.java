package com.vbp.service;

/** A store or server the process needs could not be reached at start: the message says which, where and how to fix it. */
public class Unreachable extends RuntimeException {

    public Unreachable(String message, Throwable cause) {
        super(message, cause);
    }

    static Unreachable in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof Unreachable u) {
                return u;
            }
        }
        return null;
    }
}
