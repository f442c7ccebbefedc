package com.vbp.gateway.excel;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds small xlsx files in memory with POI's XSSF, so no binary fixture is committed. */
final class Workbooks {

    /** A formula cell: {@code =formula}, with its cached result computed by POI. */
    record Formula(String formula) {
    }

    private Workbooks() {
    }

    static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    /**
     * One sheet; a String is a text cell, a Number a numeric cell, a Boolean a boolean cell, a
     * {@link Formula} a formula, null no cell at all. A null row leaves that row out of the file.
     */
    static byte[] xlsx(List<String> header, List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Sheet1");
            if (header != null) {
                fill(sheet.createRow(0), List.copyOf(header));
            }
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i) != null) {
                    fill(sheet.createRow(i + 1), rows.get(i));
                }
            }
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(Row row, List<?> cells) {
        for (int c = 0; c < cells.size(); c++) {
            Object value = cells.get(c);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(c);
            if (value instanceof String s) {
                cell.setCellValue(s);
            } else if (value instanceof BigDecimal d) {
                cell.setCellValue(d.doubleValue());
            } else if (value instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else if (value instanceof Boolean b) {
                cell.setCellValue(b);
            } else if (value instanceof Formula f) {
                cell.setCellFormula(f.formula());
            } else {
                throw new IllegalArgumentException(value.getClass().getName());
            }
        }
    }

    /** The same xlsx with one zip entry's text changed. */
    static byte[] rewriteEntry(byte[] xlsx, String entryName, UnaryOperator<String> change) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                ZipEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    byte[] data = in.readAllBytes();
                    if (entry.getName().equals(entryName)) {
                        data = change.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(data);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid xlsx whose sheet XML is padded with megabytes of one repeated character inside an XML
     * comment: a few kilobytes that inflate a thousandfold, past POI's minimum inflate ratio.
     */
    static byte[] zipBomb(byte[] xlsx) {
        String padding = "<!--" + "a".repeat(4 * 1024 * 1024) + "-->";
        return rewriteEntry(xlsx, "xl/worksheets/sheet1.xml", xml -> xml.replace("</worksheet>", padding + "</worksheet>"));
    }
}
