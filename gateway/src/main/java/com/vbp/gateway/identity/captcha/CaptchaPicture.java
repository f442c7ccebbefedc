package com.vbp.gateway.identity.captcha;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * Draws a captcha's text as a distorted PNG with plain Java2D, headless: every character is its own
 * outline, turned, sheared and scaled at random, in its own dark colour; the whole is bent by a
 * sine wave, crossed by curves and sprinkled with dots. Only the JRE's logical sans-serif and serif
 * fonts are used, so no font file needs to be shipped (the JRE needs fontconfig and one TrueType
 * font, as Debian's JRE packages and the eclipse-temurin images have).
 * <p>
 * Why not a library: this is about a hundred lines under our control (answers from a
 * {@link java.security.SecureRandom}, no confusable characters), where the usual choice,
 * hutool-captcha, brings all of hutool-core, whose advisories security scanners at bureaus flag.
 */
public final class CaptchaPicture {

    public static final int WIDTH = 130;
    public static final int HEIGHT = 48;
    private static final String[] FONTS = {Font.SANS_SERIF, Font.SERIF};

    private CaptchaPicture() {
    }

    public static byte[] png(String text, Random random) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, light(random), WIDTH, HEIGHT, light(random)));
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawText(g, text, random);
            drawCurves(g, random);
        } finally {
            g.dispose();
        }
        BufferedImage bent = wave(image, random);
        sprinkle(bent, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(bent, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    private static void drawText(Graphics2D g, String text, Random random) {
        FontRenderContext frc = g.getFontRenderContext();
        double slot = (WIDTH - 16.0) / text.length();
        for (int i = 0; i < text.length(); i++) {
            Font font = new Font(FONTS[random.nextInt(FONTS.length)], Font.BOLD, 27 + random.nextInt(5));
            Shape glyph = font.createGlyphVector(frc, String.valueOf(text.charAt(i))).getOutline();
            Rectangle2D box = glyph.getBounds2D();
            AffineTransform t = new AffineTransform();
            t.translate(8 + slot * i + slot / 2 + random.nextInt(5) - 2, HEIGHT / 2.0 + random.nextInt(7) - 3);
            t.rotate((random.nextDouble() - 0.5) * 0.7);
            t.shear((random.nextDouble() - 0.5) * 0.4, (random.nextDouble() - 0.5) * 0.2);
            double scale = 0.9 + random.nextDouble() * 0.2;
            t.scale(scale, scale);
            t.translate(-box.getCenterX(), -box.getCenterY());
            g.setColor(dark(random));
            g.fill(t.createTransformedShape(glyph));
        }
    }

    private static void drawCurves(Graphics2D g, Random random) {
        for (int i = 0; i < 3; i++) {
            g.setColor(dark(random));
            g.setStroke(new BasicStroke(1.0f + random.nextFloat()));
            g.draw(new CubicCurve2D.Double(0, random.nextInt(HEIGHT), WIDTH / 3.0, random.nextInt(HEIGHT),
                    2 * WIDTH / 3.0, random.nextInt(HEIGHT), WIDTH, random.nextInt(HEIGHT)));
        }
    }

    /** Shifts every column up or down along a sine wave, so no character keeps a straight baseline. */
    private static BufferedImage wave(BufferedImage source, Random random) {
        BufferedImage bent = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        double amplitude = 2.5 + random.nextDouble() * 2;
        double period = 35 + random.nextDouble() * 30;
        double phase = random.nextDouble() * 2 * Math.PI;
        for (int x = 0; x < WIDTH; x++) {
            int dy = (int) Math.round(amplitude * Math.sin(2 * Math.PI * x / period + phase));
            for (int y = 0; y < HEIGHT; y++) {
                int from = Math.max(0, Math.min(HEIGHT - 1, y + dy)); // the edge rows stretch, nothing wraps
                bent.setRGB(x, y, source.getRGB(x, from));
            }
        }
        return bent;
    }

    private static void sprinkle(BufferedImage image, Random random) {
        for (int i = 0; i < WIDTH * HEIGHT / 25; i++) {
            image.setRGB(random.nextInt(WIDTH), random.nextInt(HEIGHT), dark(random).getRGB());
        }
    }

    private static Color light(Random random) {
        return new Color(215 + random.nextInt(40), 215 + random.nextInt(40), 215 + random.nextInt(40));
    }

    private static Color dark(Random random) {
        return new Color(random.nextInt(130), random.nextInt(130), random.nextInt(130));
    }
}
