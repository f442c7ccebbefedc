package com.vbp.gateway.problem;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every endpoint's query parameters are plain names: letters, digits, {@code _} and {@code -}. A name with
 * brackets or operators ({@code institution[$ne]=x}, {@code district[]=}, {@code page[]=1}) asks for something
 * this API has no notion of (arrays, nested fields, query operators): it is refused with 400 {@code INVALID_REQUEST}
 * naming it, rather than bound in some surprising way or failing deep in the data binder. Other unknown
 * parameters are still ignored. Runs after authentication, before any parameter is bound.
 */
@Configuration
public class QueryParameterNames implements WebMvcConfigurer, HandlerInterceptor {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<String> refused = refusedNames(request.getQueryString());
        if (!refused.isEmpty()) {
            List<Map<String, Object>> fields = refused.stream()
                    .map(n -> RequestProblems.fieldEntry(RequestProblems.name(n),
                            "is not a parameter name: use plain names such as district=420102")).toList();
            throw new Refused(new Refusal(RefusalCode.INVALID_REQUEST, "Query parameter "
                    + String.join(", ", fields.stream().map(f -> String.valueOf(f.get("field"))).toList())
                    + " is not accepted: parameter names are letters, digits, '_' and '-' only, without brackets "
                    + "or operators; send each filter once as name=value", Map.of("fields", fields), List.of()));
        }
        return true;
    }

    static List<String> refusedNames(String query) {
        List<String> refused = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return refused;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!PLAIN.matcher(name).matches() && !refused.contains(name)) {
                refused.add(name);
            }
        }
        return refused;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a broken %-escape: refused under its raw name
        }
    }
}
