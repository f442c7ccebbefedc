package com.vbp.gateway.identity.captcha;

import com.vbp.events.identity.LoginProtectionCommands.IssueCaptcha;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * 验证码 (seed 003 §2): a new captcha, drawn here and kept by the query side, so that any gateway
 * instance can check the answer. No token is needed: it is asked for before logging in.
 */
@RestController
@Tag(name = "Authentication")
public class CaptchaController {

    private final CommandGateway commands;
    private final CaptchaAnswers answers;

    public CaptchaController(CommandGateway commands, ObjectProvider<CaptchaAnswers> answers) {
        this.commands = commands;
        this.answers = answers.getIfAvailable(RandomCaptchaAnswers::new);
    }

    /** {@code image} is a {@code data:image/png;base64,…} URL an {@code <img src>} shows as it is. */
    public record CaptchaResponse(String captchaId, String image, int width, int height, Instant expiresAt) {
    }

    @GetMapping("/api/v1/auth/captcha")
    @SecurityRequirements
    @Operation(operationId = "getCaptcha",
            summary = "A new captcha: send captchaId and the text of the picture as captchaAnswer with the "
            + "login; each captcha admits one attempt within 2 minutes")
    public ResponseEntity<CaptchaResponse> captcha() {
        String id = UUID.randomUUID().toString();
        String answer = answers.next();
        // The distortion need not be unpredictable, only the answer (which comes from a SecureRandom).
        byte[] png = CaptchaPicture.png(answer, ThreadLocalRandom.current());
        Instant expiresAt = commands.sendAndWait(new IssueCaptcha(id, answer));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new CaptchaResponse(id, "data:image/png;base64," + Base64.getEncoder().encodeToString(png),
                        CaptchaPicture.WIDTH, CaptchaPicture.HEIGHT, expiresAt));
    }
}
