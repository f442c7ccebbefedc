package com.vbp.gateway.excel;

import jakarta.servlet.http.HttpServletResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The headers of an Excel download (导出), named as the other exports are: {@code <title>-<batch>.xlsx}. */
public final class XlsxDownload {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private XlsxDownload() {
    }

    public static void prepare(HttpServletResponse response, String fileName) {
        response.setContentType(CONTENT_TYPE);
        String name = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + name);
    }
}
