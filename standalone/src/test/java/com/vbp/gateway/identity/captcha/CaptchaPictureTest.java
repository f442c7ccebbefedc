package com.vbp.gateway.identity.captcha;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The captcha's text and picture, drawn headless. */
class CaptchaPictureTest {

    @Test
    void answers_are_four_characters_of_the_unambiguous_alphabet_and_vary() {
        RandomCaptchaAnswers answers = new RandomCaptchaAnswers();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String answer = answers.next();
            assertThat(answer).hasSize(CaptchaAnswers.LENGTH);
            assertThat(answer.chars()).allMatch(c -> CaptchaAnswers.ALPHABET.indexOf(c) >= 0);
            assertThat(answer).doesNotContainAnyWhitespaces().doesNotContain("0", "O", "1", "I", "J", "L");
            seen.add(answer);
        }
        assertThat(seen).hasSizeGreaterThan(190);
    }

    @Test
    void the_picture_is_a_png_of_the_stated_size_drawn_without_a_display() throws IOException {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(CaptchaPicture.png("K7PX", new Random(1))));
        assertThat(image.getWidth()).isEqualTo(CaptchaPicture.WIDTH);
        assertThat(image.getHeight()).isEqualTo(CaptchaPicture.HEIGHT);
        int dark = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y);
                dark += ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3 < 140 ? 1 : 0;
            }
        }
        // Text, curves and dots cover a good part of the picture, but far from all of it.
        assertThat(dark).isBetween(image.getWidth() * image.getHeight() / 10, image.getWidth() * image.getHeight() / 2);
    }

    @Test
    void the_same_text_is_drawn_differently_each_time() {
        assertThat(CaptchaPicture.png("K7PX", new Random(1))).isNotEqualTo(CaptchaPicture.png("K7PX", new Random(2)));
    }
}
