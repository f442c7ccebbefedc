package com.vbp.gateway.benchmark;

import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.gateway.support.Http;
import com.vbp.standalone.demo.DemoData;
import com.vbp.gateway.excel.CatalogueFile;
import com.vbp.gateway.excel.DemandFile;
import com.vbp.gateway.support.Http.Answer;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * What every benchmark does as the administrator over HTTP: the first login with the bootstrap password, accounts,
 * a batch open for allocation, and the two Excel files of a generated data set.
 */
final class BenchAdmin {

    /** The bootstrap password the benchmarks start the application with ({@code app.bootstrap.admin-password}). */
    static final String BOOTSTRAP_PASSWORD = "Bench2026init";
    private static final String NEXT_PASSWORD = "Bench2026next";

    private BenchAdmin() {
    }

    /** Logs in as admin with the bootstrap password, changes it as the first login requires, answers the token. */
    static String login(Http http) {
        String initial = check(http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                "password", BOOTSTRAP_PASSWORD))).json().path("token").asText();
        return check(http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", BOOTSTRAP_PASSWORD,
                "newPassword", NEXT_PASSWORD))).json().path("token").asText();
    }

    /** Creates an account of the given role and organisation and answers its token after the first password change. */
    static String account(Http http, String admin, String username, String role, String organisation) {
        check(http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", BOOTSTRAP_PASSWORD)));
        String initial = check(http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                "password", BOOTSTRAP_PASSWORD))).json().path("token").asText();
        return check(http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", BOOTSTRAP_PASSWORD,
                "newPassword", NEXT_PASSWORD))).json().path("token").asText();
    }

    /** A batch whose allocation window is open for the whole run; answers its path. */
    static String createBatch(Http http, String admin, String code) {
        check(http.postJson("/api/v1/procurement/batches", admin, Map.of("code", code, "name", "benchmark " + code,
                "allocationOpensAt", "2026-01-01T00:00:00Z", "allocationClosesAt", "2099-01-01T00:00:00Z")));
        return "/api/v1/procurement/batches/" + code;
    }

    static byte[] catalogueFile(DemoData data) {
        return xlsx(out -> new CatalogueFile().write(data.catalogue().stream().map(CatalogueRow::product).toList(),
                out));
    }

    static byte[] demandFile(DemoData data) {
        return xlsx(out -> new DemandFile().write(data.demands(), out));
    }

    static Answer check(Answer answer) {
        if (answer.status() >= 300) {
            throw new AssertionError(answer.status() + " " + answer.text());
        }
        return answer;
    }

    interface Writer {
        void write(ByteArrayOutputStream out) throws Exception;
    }

    static byte[] xlsx(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
