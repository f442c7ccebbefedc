package com.vbp.gateway.problem;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Spring MVC's and Jackson's own 4xx in the project's words: what is wrong, which field or parameter, and what to
 * do, never the framework's message ("Failed to read request", "Required parameter … is not present"). Fields are
 * named by their path in the request ({@code entries[0].contractVolume}), as bean validation names them.
 */
public final class RequestProblems {

    static final String API_DOCS = "/swagger-ui.html";
    /** Client-chosen names (unknown fields, parameters) are cut to this length before they are repeated. */
    private static final int MAX_NAME = 64;
    private static final int MAX_LISTED = 20;

    private RequestProblems() {
    }

    /** The refusal for a framework 4xx; its {@code fields} figure lists the fields concerned. */
    static Refusal of(Exception ex, int status) {
        BodyRefused refusedBody = cause(ex, BodyRefused.class);
        if (refusedBody != null) {
            return refusedBody.refusal();
        }
        if (ex instanceof HttpMessageNotReadableException e) {
            return unreadable(e);
        }
        if (ex instanceof MethodArgumentTypeMismatchException e) {
            return parameter(e.getName(), expected(e.getRequiredType()));
        }
        if (ex instanceof TypeMismatchException e) {
            return parameter(e.getPropertyName(), expected(e.getRequiredType()));
        }
        if (ex instanceof MissingServletRequestParameterException e) {
            return parameter(e.getParameterName(), "is required");
        }
        if (ex instanceof MissingServletRequestPartException e) {
            return field(RefusalCode.INVALID_REQUEST, "Send the file as a multipart/form-data part named '"
                    + e.getRequestPartName() + "'", e.getRequestPartName(), "is required");
        }
        if (ex instanceof MissingRequestHeaderException e) {
            return field(RefusalCode.INVALID_REQUEST, "Header " + e.getHeaderName() + " is required", e.getHeaderName(),
                    "is required");
        }
        if (ex instanceof MultipartException) {
            return Refusal.of(RefusalCode.INVALID_REQUEST,
                    "This request takes a file: send it as multipart/form-data with "
                    + "the file in a part named 'file'");
        }
        if (ex instanceof HttpRequestMethodNotSupportedException e) {
            return Refusal.of(RefusalCode.METHOD_NOT_ALLOWED, name(e.getMethod()) + " is not allowed on this path"
                    + allowed(e.getSupportedHttpMethods()));
        }
        if (ex instanceof HttpMediaTypeNotSupportedException e) {
            return Refusal.of(RefusalCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as "
                    + mediaTypes(e.getSupportedMediaTypes()) + " (the Content-Type header)");
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException e) {
            return Refusal.of(RefusalCode.NOT_ACCEPTABLE, "This answer is available as "
                    + mediaTypes(e.getSupportedMediaTypes())
                    + " only (the Accept header)");
        }
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return noSuchPath();
        }
        return byStatus(status);
    }

    private static Refusal parameter(String name, String message) {
        return field(RefusalCode.INVALID_REQUEST, "Parameter " + name(name) + " " + message, name, message);
    }

    private static Refusal unreadable(HttpMessageNotReadableException ex) {
        JacksonException json = cause(ex, JacksonException.class);
        // Jackson 2 wraps a reader's failure inside an object (a number out of range, a broken token) in a plain
        // JsonMappingException that carries the path: the failure says what is wrong, the wrapper where.
        JsonMappingException where = json instanceof JsonMappingException m ? m : null;
        if (where != null && where.getClass() == JsonMappingException.class
                && where.getCause() instanceof JacksonException failure) {
            json = failure;
        }
        if (json instanceof StrictJson.UnknownFieldsException e) {
            return unknownFields(parent(e), e.names(), e.getKnownPropertyIds());
        }
        if (json instanceof UnrecognizedPropertyException e) {
            return unknownFields(parent(e), List.of(e.getPropertyName()), e.getKnownPropertyIds());
        }
        if (json instanceof MismatchedInputException e) {
            return wrongValue(path(e), expected(e.getTargetType()));
        }
        if (json instanceof InputCoercionException e) {
            return wrongValue(path(where), expected(e.getTargetType()) + " within range");
        }
        if (json instanceof StreamConstraintsException) {
            return Refusal.of(RefusalCode.INVALID_REQUEST,
                    "The JSON body has a number, text or nesting too long to read; "
                    + "shorten it and send again");
        }
        if (json instanceof StreamReadException e) {
            return Refusal.of(RefusalCode.INVALID_REQUEST, "The body is not valid JSON" + at(e.getLocation())
                    + "; send one JSON object, as the API description (" + API_DOCS + ") shows");
        }
        return Refusal.of(RefusalCode.INVALID_REQUEST,
                "This request needs a JSON body (Content-Type: application/json), as "
                + "the API description (" + API_DOCS + ") shows");
    }

    private static Refusal unknownFields(String parent, List<String> names, Collection<Object> known) {
        List<Map<String, Object>> fields = names.stream().limit(MAX_LISTED)
                .map(n -> fieldEntry(parent + name(n), "is not a field of this request")).toList();
        List<String> accepted = known == null ? List.of()
                : known.stream().map(String::valueOf).sorted().toList();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("fields", fields);
        figures.put("accepted", accepted);
        String where = parent.isEmpty() ? "this request" : parent.substring(0, parent.length() - 1);
        return new Refusal(RefusalCode.UNKNOWN_FIELDS, "Unknown field" + (names.size() == 1 ? " " : "s ")
                + fields.stream().map(f -> String.valueOf(f.get("field"))).collect(Collectors.joining(", "))
                + ": remove " + (names.size() == 1 ? "it" : "them") + " and send again"
                + (accepted.isEmpty() ? "" : "; " + where + " accepts only " + String.join(", ", accepted)),
                figures, List.of());
    }

    private static Refusal wrongValue(String path, String expected) {
        if (path.isEmpty()) {
            return Refusal.of(RefusalCode.INVALID_REQUEST, "The body " + expected + ", as the API description ("
                    + API_DOCS + ") shows");
        }
        return field(RefusalCode.INVALID_REQUEST, path + " " + expected + ": correct it and send again", path,
                expected);
    }

    /** What a value of this type looks like in JSON or in a query parameter. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be text (in quotes)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Set.<Class<?>>of(Integer.class, int.class, Long.class, long.class, Short.class, short.class, Byte.class,
                byte.class, BigInteger.class).contains(type)) {
            return "must be a whole number (not in quotes)";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number (not in quotes)";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == LocalDate.class) {
            return "must be a date such as 2026-01-31";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be a time such as 2026-01-31T08:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a list [ … ]";
        }
        return "must be an object { … }";
    }

    /** The JSON path of a failure, e.g. {@code entries[0].contractVolume}; empty for the body itself. */
    static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e == null ? List.<JsonMappingException.Reference>of() : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(name(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** The path of the object holding an unknown field, with a trailing dot ("" at the top). */
    private static String parent(UnrecognizedPropertyException e) {
        String full = path(e);
        String last = name(e.getPropertyName());
        String parent = full.endsWith(last) ? full.substring(0, full.length() - last.length()) : "";
        return parent.isEmpty() || parent.endsWith(".") ? parent : parent + ".";
    }

    static Refusal field(RefusalCode code, String message, String field, String fieldMessage) {
        return new Refusal(code, message, Map.of("fields", List.of(fieldEntry(name(field), fieldMessage))),
                List.of());
    }

    /** One entry of a problem's {@code fields}. */
    public static Map<String, Object> fieldEntry(String field, String message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("field", field);
        entry.put("message", message);
        return entry;
    }

    /** A client-chosen name as it may be repeated: no control characters, at most {@value #MAX_NAME} long. */
    static String name(String name) {
        String clean = String.valueOf(name).replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= MAX_NAME ? clean : clean.substring(0, MAX_NAME) + "…";
    }

    static Refusal noSuchPath() {
        return Refusal.of(RefusalCode.NOT_FOUND, "There is no endpoint at this path; the API description (" + API_DOCS
                + ") lists them");
    }

    private static Refusal byStatus(int status) {
        return switch (status) {
            case 404 -> noSuchPath();
            case 405 -> Refusal.of(RefusalCode.METHOD_NOT_ALLOWED);
            case 406 -> Refusal.of(RefusalCode.NOT_ACCEPTABLE);
            case 413 -> Refusal.of(RefusalCode.FILE_TOO_LARGE, "The request is larger than allowed");
            case 415 -> Refusal.of(RefusalCode.UNSUPPORTED_MEDIA_TYPE);
            default -> Refusal.of(RefusalCode.INVALID_REQUEST, "The request is not valid; the API description ("
                    + API_DOCS + ") shows what each endpoint takes");
        };
    }

    private static String allowed(Set<HttpMethod> methods) {
        return methods == null || methods.isEmpty() ? "" : "; use " + methods.stream().map(HttpMethod::name)
                .sorted().collect(Collectors.joining(" or "));
    }

    private static String mediaTypes(List<MediaType> types) {
        List<String> names = new ArrayList<>(types.stream().filter(Objects::nonNull)
                .map(t -> t.getType() + "/" + t.getSubtype()).distinct().toList());
        return names.isEmpty() ? "application/json" : String.join(" or ", names);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static <T> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
