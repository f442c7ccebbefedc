package com.vbp.gateway.appeal;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small real files of every kind the evidence checks meet, made in memory. */
final class EvidenceFiles {

    private EvidenceFiles() {
    }

    /** A small valid PDF, one empty page. */
    static byte[] pdf() {
        return pdf(0);
    }

    /** A PDF padded with a comment to exactly {@code size} bytes when {@code size} is larger than the minimum. */
    static byte[] pdf(long size) {
        String head = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n";
        String tail = "trailer<</Root 1 0 R>>\n%%EOF\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        int padding = (int) Math.max(0, size - h.length - t.length);
        byte[] out = new byte[h.length + padding + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        if (padding > 0) {
            Arrays.fill(out, h.length, h.length + padding, (byte) ' ');
            out[h.length] = '%';
            out[h.length + padding - 1] = '\n';
        }
        System.arraycopy(t, 0, out, h.length + padding, t.length);
        return out;
    }

    static byte[] png() {
        return image("png");
    }

    static byte[] jpeg() {
        return image("jpg");
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(5, 5, 20, 10);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] xlsx() {
        return workbook(XSSFWorkbookType.XLSX);
    }

    /** A macro-enabled workbook: a zip and an OOXML package, but not an .xlsx. */
    static byte[] xlsm() {
        return workbook(XSSFWorkbookType.XLSM);
    }

    private static byte[] workbook(XSSFWorkbookType type) {
        try (XSSFWorkbook wb = new XSSFWorkbook(type); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("结余").createRow(0).createCell(0).setCellValue("医疗机构");
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] docx() {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("申诉说明");
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip that is not an Office document: one text entry. */
    static byte[] plainZip() {
        return zip("readme.txt", "not an office document".getBytes(StandardCharsets.UTF_8));
    }

    /** A zip whose one entry of 50 MB of zeros deflates to a few tens of KB: far below POI's minimum inflate ratio. */
    static byte[] zipBomb() {
        return zip("[Content_Types].xml", new byte[50 * 1024 * 1024]);
    }

    private static byte[] zip(String entry, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The start of a Windows executable: "MZ", a DOS stub and a PE header. */
    static byte[] executable() {
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, exe, 0x4e, stub.length);
        return exe;
    }

    static byte[] text() {
        return "这不是PDF，只是一段文字。\nplain text\n".getBytes(StandardCharsets.UTF_8);
    }
}
