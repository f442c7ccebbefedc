package com.vbp.gateway.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.events.common.RefusalCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answer, for requests it refuses before any servlet sees them (an encoded slash or backslash, a
 * NUL or an invalid UTF-8 sequence in the path): problem+json with a catalogue code like every other refusal, instead
 * of Tomcat's HTML page. Installed on the host by {@link TomcatProblems}; errors inside the application never
 * reach it (Spring answers them first).
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        RefusalCode code = status == HttpStatus.NOT_FOUND.value() ? RefusalCode.NOT_FOUND
                : status < 500 ? RefusalCode.INVALID_REQUEST : RefusalCode.INTERNAL_ERROR;
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", code == RefusalCode.INVALID_REQUEST
                ? "The request's path or headers cannot be accepted (an encoded slash or backslash, a control "
                + "character or invalid UTF-8)" : code.message());
        problem.put("code", code.name());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            try (OutputStream out = response.getOutputStream()) {
                out.write(JSON.writeValueAsBytes(problem));
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot be written: nothing more to tell it
        }
    }
}
