package com.vbp.gateway.contract;

import com.vbp.events.common.RowProblem;
import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The shape of every error answer as the OpenAPI document publishes it (the {@code Problem} schema). Never built:
 * the answers themselves are written by {@code ProblemHandler.problem}, whose properties these are.
 */
@Schema(name = OpenApiContract.PROBLEM, description = "An error answer (RFC 9457 problem details): `code` says which "
        + "rule refused the request, `figures` the values that applied, `fields` the request fields concerned and, "
        + "for an upload, `rows` every bad row.")
record ProblemBody(
        @Schema(description = "A URI naming the kind of problem; about:blank when the status says it all")
        URI type,
        @Schema(description = "The HTTP status's reason phrase", example = "Unprocessable Content")
        String title,
        @Schema(description = "The HTTP status code", example = "422")
        int status,
        @Schema(description = "What is wrong and what to do, for people")
        String detail,
        @Schema(description = "The request path that was refused")
        URI instance,
        @Schema(description = "The machine-readable refusal code")
        String code,
        @Schema(description = "The request fields concerned, each with what is wrong with it")
        List<FieldProblem> fields,
        @Schema(description = "The figures that applied (bounds, totals, limits…), by name")
        Map<String, Object> figures,
        @Schema(description = "Every bad row of an uploaded file, in row then column order")
        List<RowProblem> rows) {

    @Schema(name = "FieldProblem", description = "One request field and what is wrong with it")
    record FieldProblem(String field, String message) {
    }
}
