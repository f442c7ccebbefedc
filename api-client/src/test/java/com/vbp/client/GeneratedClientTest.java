package com.vbp.client;

import com.vbp.client.api.AllocationApi;
import com.vbp.client.api.AuthenticationApi;
import com.vbp.client.api.SupplyListApi;
import com.vbp.client.model.AllocationBody;
import com.vbp.client.model.CheckResponse;
import com.vbp.client.model.ContractBounds;
import com.vbp.client.model.EntryBody;
import com.vbp.client.model.AllocationFigures;
import com.vbp.client.model.LoginRequest;
import com.vbp.client.model.PendingLinesPage;
import com.vbp.client.model.PasswordChangeRequest;
import com.vbp.client.model.PendingLineView;
import com.vbp.client.model.Problem;
import com.vbp.client.model.SupplyListItem;
import com.vbp.client.model.SupplyListResponse;
import com.vbp.client.model.TokenResponse;
import com.vbp.standalone.StandaloneApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A client developer's first session, through the client generated from docs/openapi.json and nothing else: a demo
 * institution logs in, changes its initial password, logs in again, reads its supply list, saves an allocation
 * inside the bounds the API tells, and reads the code of a refusal from the problem answer.
 */
class GeneratedClientTest {

    private static final String BATCH = "HB-ZCY-2023";
    private static final String INSTITUTION = "inst-H42010200001";
    private static final String DEMO_PASSWORD = "Demo2026pass";
    private static final String NEW_PASSWORD = "Client2026pass";

    @TempDir
    static Path dataDir;
    static ConfigurableApplicationContext app;
    static ApiClient client;
    /** The bearer token the client sends; the generated APIs copy the interceptor when they are made. */
    static volatile String token;

    @BeforeAll
    static void start() {
        // The demo data set is loaded before run() returns (an ApplicationRunner).
        app = new SpringApplicationBuilder(StandaloneApplication.class).run("--server.port=0",
                "--app.data-dir=" + dataDir, "--app.demo.enabled=true", "--spring.main.banner-mode=off");
        client = new ApiClient();
        client.updateBaseUri("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
        client.setRequestInterceptor(request -> {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anInstitutionLogsInChangesItsPasswordReadsAndAllocatesThroughTheGeneratedClient() throws Exception {
        AuthenticationApi auth = new AuthenticationApi(client);
        TokenResponse first = auth.login(new LoginRequest().username(INSTITUTION).password(DEMO_PASSWORD));
        assertThat(first.getMustChangePassword()).isTrue();

        // Until the initial password is changed, every other call is refused with a code the client can read.
        useToken(first.getToken());
        ApiException notYet = catchThrowableOfType(ApiException.class,
                () -> new SupplyListApi(client).listSupplyLines(BATCH, null, null, null, null, null, null, null, 0, 5));
        assertThat(notYet.getCode()).isEqualTo(403);
        assertThat(problem(notYet).getCode()).isEqualTo(Problem.CodeEnum.PASSWORD_CHANGE_REQUIRED);

        TokenResponse changed = auth.changePassword(new PasswordChangeRequest().oldPassword(DEMO_PASSWORD)
                .newPassword(NEW_PASSWORD));
        assertThat(changed.getMustChangePassword()).isFalse();
        // Every earlier token stopped working; login is an open operation, called without one (the security
        // filters refuse a revoked bearer token on any path, login's too).
        useToken(null);
        TokenResponse again = auth.login(new LoginRequest().username(INSTITUTION).password(NEW_PASSWORD));
        assertThat(again.getMustChangePassword()).isFalse();
        useToken(again.getToken());

        SupplyListResponse supply = new SupplyListApi(client).listSupplyLines(BATCH, null, null, null, null, null,
                null, null, 0, 20);
        assertThat(supply.getTotal()).isPositive();
        assertThat(supply.getItems()).isNotEmpty().extracting(SupplyListItem::getInstitutionCode)
                .containsOnly(INSTITUTION.substring("inst-".length()));

        AllocationApi allocation = new AllocationApi(client);
        PendingLinesPage pending = allocation.listPendingLines(BATCH, null, null, null, null, 0, 100);
        // A line with one required winner (no 降幅最高 winner besides the 日均费用最低 one) takes one entry.
        PendingLineView line = pending.getItems().stream().filter(l -> l.getHighestReduction() == null)
                .min(Comparator.comparing(PendingLineView::getLineId)).orElseThrow(() -> new AssertionError(
                        INSTITUTION + " has no pending line with one required winner: " + pending.getItems()));
        String drug = line.getLowestDailyCost().getDrugCode();

        // The bounds of a volume for that winner, as 保存 would apply them (rule 1 of 填写合同量规范).
        CheckResponse checked = allocation.checkAllocation(BATCH, line.getLineId(), entries(drug, BigDecimal.ONE));
        ContractBounds bounds = checked.getBounds();
        assertThat(bounds.getDrugCode()).isEqualTo(drug);
        BigDecimal inside = bounds.getLower().add(bounds.getUpper()).divide(BigDecimal.valueOf(2), 0,
                RoundingMode.DOWN);

        AllocationFigures saved = allocation.saveAllocation(BATCH, line.getLineId(), entries(drug, inside));
        assertThat(saved.getLineId()).isEqualTo(line.getLineId());
        assertThat(saved.getEntries()).singleElement().satisfies(e -> {
            assertThat(e.getDrugCode()).isEqualTo(drug);
            assertThat(e.getContractVolume()).isEqualTo(inside.longValueExact());
        });

        // The bounds are exclusive: the upper one itself is refused, and the problem says so by its code.
        BigDecimal outside = bounds.getUpper().setScale(0, RoundingMode.CEILING);
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> allocation.saveAllocation(BATCH, line.getLineId(), entries(drug, outside)));
        assertThat(refused.getCode()).isEqualTo(422);
        Problem problem = problem(refused);
        assertThat(problem.getCode()).isEqualTo(Problem.CodeEnum.CONTRACT_VOLUME_OUT_OF_RANGE);
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getDetail()).isNotBlank();
        assertThat(problem.getFigures()).isNotEmpty();
    }

    private static void useToken(String newToken) {
        token = newToken;
    }

    private static AllocationBody entries(String drugCode, BigDecimal volume) {
        return new AllocationBody().entries(List.of(new EntryBody().drugCode(drugCode).contractVolume(volume)));
    }

    /** The problem+json body the generated ApiException carries, read with the generated model. */
    private static Problem problem(ApiException e) throws Exception {
        assertThat(e.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }
}
