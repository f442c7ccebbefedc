package com.vbp.gateway.identity.captcha;

import java.security.SecureRandom;

/** Captcha texts from a {@link SecureRandom}: an attacker cannot predict the next one from earlier ones. */
public class RandomCaptchaAnswers implements CaptchaAnswers {

    private final SecureRandom random = new SecureRandom();

    @Override
    public String next() {
        StringBuilder text = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
