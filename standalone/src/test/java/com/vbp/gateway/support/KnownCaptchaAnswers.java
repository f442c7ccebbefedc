package com.vbp.gateway.support;

import com.vbp.gateway.identity.captcha.CaptchaAnswers;

/** Every captcha shows {@link #ANSWER}: a test cannot read the picture, so it must know the text. */
public final class KnownCaptchaAnswers implements CaptchaAnswers {

    public static final String ANSWER = "K7PX";

    @Override
    public String next() {
        return ANSWER;
    }
}
