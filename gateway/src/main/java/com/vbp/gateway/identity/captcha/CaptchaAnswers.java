package com.vbp.gateway.identity.captcha;

/**
 * Where the text of a new captcha comes from. Production uses {@link RandomCaptchaAnswers}; a test may
 * put its own bean in place to know the answers, which it cannot read from the picture.
 */
@FunctionalInterface
public interface CaptchaAnswers {

    /**
     * Digits and capital letters without the pairs people confuse in a distorted picture
     * (0/O, 1/I/J/L), so that a failed captcha is the robot's failure, not the user's.
     */
    String ALPHABET = "23456789ABCDEFGHKMNPQRSTUVWXYZ";
    int LENGTH = 4;

    String next();
}
