package com.vbp.gateway.support;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Every cell of an xlsx's first sheet as text: numbers in plain notation without trailing zeros. */
public final class XlsxCells {

    private XlsxCells() {
    }

    /** The first sheet itself, to check how a cell is typed and formatted (an in-memory workbook, nothing to close). */
    public static XSSFSheet sheet(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx)).getSheetAt(0);
    }

    /** The number as stored in the file ({@code <v>}), which is what pandas and openpyxl read: "3", not "3.0". */
    public static String stored(Cell cell) {
        return ((XSSFCell) cell).getCTCell().getV();
    }

    public static List<List<String>> of(byte[] xlsx) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            DataFormatter format = new DataFormatter();
            for (Row row : wb.getSheetAt(0)) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    Cell cell = row.getCell(c);
                    values.add(cell == null ? "" : cell.getCellType() == CellType.NUMERIC
                            ? new BigDecimal(String.valueOf(cell.getNumericCellValue())).stripTrailingZeros()
                            .toPlainString() : format.formatCellValue(cell));
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
