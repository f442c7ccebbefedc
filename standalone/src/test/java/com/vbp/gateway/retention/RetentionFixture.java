package com.vbp.gateway.retention;

import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.gateway.excel.CalculationDataFile;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retention batch loaded over HTTP: three institutions in two districts, H1 with the worked example of
 * RETENTION.md (employeeShare 0.7, S = 15,000.00), and accounts of every role the endpoints care about,
 * created for the organisations the calculation data made known.
 * <ul>
 *   <li>H1 武汉市江岸区人民医院, 420102: 阿托伐他汀钙片 agreed 10,000 × 2.00 = 20,000.00, actual 3,000.00 + 1,000.00
 *       (surplus 16,000.00); 氨氯地平片 agreed 5,000 × 1.20 = 6,000.00, actual 5,500.00 + 1,500.00 (surplus
 *       −1,000.00). Budget 26,000.00, actual 11,000.00, S 15,000.00.</li>
 *   <li>H2 江岸区妇幼保健院, 420102, employeeShare 0.5: 阿托伐他汀钙片 agreed 1,000 × 3.00 = 3,000.00, actual
 *       1,000.00: S 2,000.00.</li>
 *   <li>H3 武汉市第一医院, 420103, employeeShare 0.6: 氨氯地平片 agreed 2,000 × 1.50 = 3,000.00, actual 1,000.00:
 *       S 2,000.00.</li>
 * </ul>
 */
public final class RetentionFixture {

    public static final String ADMIN_PASSWORD = "Start2026pass";
    public static final String H1 = "H42010200001";
    public static final String H2 = "H42010200007";
    public static final String H3 = "H42010300002";
    public static final String D1 = "420102";
    public static final String D2 = "420103";

    public static final List<CalculationRow> CALCULATION = List.of(
            row(2, H1, "武汉市江岸区人民医院", D1, "0.7", "阿托伐他汀钙片", 10_000, "2.00", 6_000, "3000.00", 500, "1000.00"),
            row(3, H1, "武汉市江岸区人民医院", D1, "0.7", "氨氯地平片", 5_000, "1.20", 4_500, "5500.00", 1_000, "1500.00"),
            row(4, H2, "江岸区妇幼保健院", D1, "0.5", "阿托伐他汀钙片", 1_000, "3.00", 800, "1000.00", 0, "0"),
            row(5, H3, "武汉市第一医院", D2, "0.6", "氨氯地平片", 2_000, "1.50", 900, "1000.00", 0, "0"));

    private final Http http;
    private final Map<String, String> tokens = new HashMap<>();
    public String admin;

    public RetentionFixture(Http http) {
        this.http = http;
    }

    static CalculationRow row(int row, String code, String name, String district, String share, String variety,
                              long agreed, String prePrice, long selected, String selectedAmount, long nonSelected,
                              String nonSelectedAmount) {
        return new CalculationRow(row, code, name, district, new BigDecimal(share), variety, Volume.of(agreed),
                Money.of(prePrice), Volume.of(selected), Money.of(selectedAmount), Volume.of(nonSelected),
                Money.of(nonSelectedAmount));
    }

    public static byte[] calculationXlsx(List<CalculationRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CalculationDataFile().write(rows, out);
        return out.toByteArray();
    }

    public static String batchPath(String code) {
        return "/api/v1/retention/batches/" + code;
    }

    public RetentionFixture login() {
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password",
                ADMIN_PASSWORD)).json().path("token").asText();
        admin = http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", ADMIN_PASSWORD,
                "newPassword", "Admin2026new")).json().path("token").asText();
        return this;
    }

    /** Creates a batch whose reporting window is [opensAt, closesAt) with the RETENTION.md defaults. */
    public void createBatch(String code, Instant opensAt, Instant closesAt) {
        Answer created = http.postJson("/api/v1/retention/batches", admin, Map.of("code", code, "name",
                "结余留用测试批次", "reportingOpensAt", opensAt.toString(), "reportingClosesAt", closesAt.toString()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    public void uploadCalculationData(String code) {
        Answer uploaded = http.upload(batchPath(code) + "/calculation-data", admin, "测算数据.xlsx",
                calculationXlsx(CALCULATION));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);
    }

    /** Creates the accounts (once the organisations are known): inst-h1, inst-h3, bureau-…, analyst, auditor. */
    public RetentionFixture accounts() {
        account("inst-h1", "INSTITUTION", H1);
        account("inst-h3", "INSTITUTION", H3);
        account("bureau-" + D1, "DISTRICT_BUREAU", D1);
        account("bureau-" + D2, "DISTRICT_BUREAU", D2);
        account("analyst1", "ANALYST", "CITY");
        account("auditor1", "AUDITOR", "CITY");
        return this;
    }

    public String token(String username) {
        return tokens.get(username);
    }

    private void account(String username, String role, String organisation) {
        Answer a = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", "Init2026pass"));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                "password", "Init2026pass")).json().path("token").asText();
        tokens.put(username, http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Init2026pass",
                "newPassword", "Next2026pass")).json().path("token").asText());
    }
}
