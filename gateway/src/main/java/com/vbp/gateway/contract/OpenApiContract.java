package com.vbp.gateway.contract;

import com.vbp.gateway.appeal.EvidenceType;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.events.common.RefusalCode;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the OpenAPI document says beyond what springdoc reads from the controllers: the bearer scheme on every
 * secured operation, the {@code Problem} schema on every error answer the operation can give (by rule, so a new
 * endpoint gets them too), and the media types of the downloads. Title, version and description are
 * {@code springdoc.open-api.info.*} in application.yml (the version is the build's).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiContract {

    static final String PROBLEM = "Problem";
    static final String BEARER = "bearer";
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String NDJSON = org.springframework.http.MediaType.APPLICATION_NDJSON_VALUE;
    private static final String MULTIPART = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE;

    static {
        // The audit views carry events and states as Jackson 3 trees, which swagger-core does not know: any JSON.
        SpringDocUtils.getConfig().replaceWithClass(com.fasterxml.jackson.databind.JsonNode.class, Object.class);
    }

    /**
     * Every refusal code a problem can carry: the catalogue's, so the published enum is exactly what the service sends.
     */
    static List<String> refusalCodes() {
        return Arrays.stream(RefusalCode.values()).map(RefusalCode::code).sorted().toList();
    }

    @Bean
    OpenApiCustomizer contract() {
        return openApi -> {
            // Relative: the document is served by the gateway it describes, whatever its host and port.
            openApi.setServers(List.of(new Server().url("/").description("The gateway serving this document")));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT").description("The token of POST /api/v1/auth/login "
                            + "(or of a password change), sent as Authorization: Bearer <token>"));
            problemSchemas().forEach(components::addSchemas);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> complete(path, method, operation)));
        };
    }

    /** The {@code Problem} schema and those it refers to, with {@code code} as the enum of refusal codes. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Map<String, Schema> problemSchemas() {
        ResolvedSchema resolved = ModelConverters.getInstance()
                .resolveAsResolvedSchema(new AnnotatedType(ProblemBody.class).resolveAsRef(false));
        Map<String, Schema> schemas = new java.util.TreeMap<>(resolved.referencedSchemas);
        Schema problem = resolved.schema;
        Schema<String> code = (Schema<String>) problem.getProperties().get("code");
        code.setEnum(new ArrayList<>(refusalCodes()));
        schemas.put(PROBLEM, problem);
        return schemas;
    }

    private static final java.util.Set<String> RATE_LIMITED_PATHS = java.util.Set.of("/api/v1/auth/login",
            "/api/v1/auth/captcha", "/api/v1/auth/password");

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        boolean secured = operation.getSecurity() == null;
        if (secured) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        }
        ApiResponses responses = operation.getResponses();
        successMediaType(path, responses);
        boolean command = method != PathItem.HttpMethod.GET;
        boolean multipart = operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey(MULTIPART);
        boolean pathId = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
        // Any request can be malformed: a parameter of the wrong type, a bad X-Read-After header, a bad body.
        add(responses, HttpStatus.BAD_REQUEST, "The request is malformed or a field is invalid");
        if (secured) {
            add(responses, HttpStatus.UNAUTHORIZED, "No valid bearer token (UNAUTHENTICATED, TOKEN_EXPIRED, "
                    + "TOKEN_REVOKED)");
            add(responses, HttpStatus.FORBIDDEN, "The caller's role or scope does not allow it (FORBIDDEN, "
                    + "OUT_OF_SCOPE), or the initial password must be changed first (PASSWORD_CHANGE_REQUIRED)");
        }
        if (pathId) {
            add(responses, HttpStatus.NOT_FOUND, "No such record (UNKNOWN_BATCH, UNKNOWN_LINE…)");
        }
        if (command) {
            add(responses, HttpStatus.CONFLICT, "The record's state forbids it, or a request with the same "
                    + "Idempotency-Key is still being answered");
            add(responses, HttpStatus.UNPROCESSABLE_CONTENT, "A domain rule refused it; figures tells the values "
                    + "that applied");
        }
        if (multipart) {
            add(responses, HttpStatus.CONTENT_TOO_LARGE, "A file or the whole request is larger than allowed");
        } else if (operation.getRequestBody() != null) {
            add(responses, HttpStatus.CONTENT_TOO_LARGE, "The body is larger than allowed (BODY_TOO_LARGE)");
        }
        // the abuse limits (com.vbp.gateway.limits.AbuseLimitFilter)
        if (multipart || path.endsWith(".xlsx") || path.endsWith(".ndjson")) {
            add(responses, HttpStatus.TOO_MANY_REQUESTS, "The caller's other uploads or exports are still under way "
                    + "(TRANSFERS_BUSY); try again after Retry-After");
        } else if (RATE_LIMITED_PATHS.contains(path)) {
            add(responses, HttpStatus.TOO_MANY_REQUESTS, "Too many attempts by this account or from this address "
                    + "(RATE_LIMITED); try again after Retry-After");
        }
        add(responses, HttpStatus.SERVICE_UNAVAILABLE, "The service is starting (STARTING) or the read models have "
                + "not caught up with the caller's last write in time (READ_MODEL_BEHIND); try again after "
                + "Retry-After");
        // Every error answer is problem+json, whatever an annotation or springdoc put there.
        responses.forEach((status, response) -> {
            if (!status.startsWith("2") && !status.startsWith("3")) {
                response.setContent(problem());
            }
        });
    }

    /**
     * JSON unless the path is a download: {@code .xlsx} exports (导出), the {@code .ndjson} event stream, and
     * appeal evidence in the content type it was filed with.
     */
    private static void successMediaType(String path, ApiResponses responses) {
        Content download = null;
        if (path.endsWith(".xlsx")) {
            download = binary(XlsxDownload.CONTENT_TYPE);
        } else if (path.endsWith(".ndjson")) {
            download = new Content().addMediaType(NDJSON, new MediaType().schema(new Schema<>().type("string")
                    .types(Set.of("string")).description("One JSON object per line")));
        } else if (path.contains("/evidence/")) {
            download = binary(Arrays.stream(EvidenceType.values()).map(EvidenceType::mediaType)
                    .toArray(String[]::new));
        }
        if (download != null) {
            ApiResponse ok = responses.get("200");
            if (ok == null) {
                ok = new ApiResponse().description("OK");
                responses.addApiResponse("200", ok);
            }
            ok.setContent(download);
        }
    }

    private static Content binary(String... mediaTypes) {
        Content content = new Content();
        for (String type : mediaTypes) {
            content.addMediaType(type, new MediaType().schema(new Schema<>().type("string").types(Set.of("string"))
                    .format("binary")));
        }
        return content;
    }

    private static void add(ApiResponses responses, HttpStatus status, String description) {
        String key = String.valueOf(status.value());
        if (!responses.containsKey(key)) {
            responses.addApiResponse(key, new ApiResponse().description(description));
        }
    }

    private static Content problem() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }
}
