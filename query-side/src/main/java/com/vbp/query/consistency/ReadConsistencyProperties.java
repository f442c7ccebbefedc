package com.vbp.query.consistency;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Read-your-writes on the query side ({@code app.consistency.*}; the gateway reads its own keys of the same prefix).
 *
 * @param readTimeoutMillis how long a read waits for the projections it reads to reach the client's position before
 *                          it is refused as {@code READ_MODEL_BEHIND}
 * @param gapGraceMillis    after this long a gap in a token (an insert not yet committed) is taken for a rolled-back
 *                          insert and no longer waited for, see {@link ProjectionBarrier}
 */
@Validated
@ConfigurationProperties("app.consistency")
public record ReadConsistencyProperties(@DefaultValue("5000") @Min(0) long readTimeoutMillis,
                                        @DefaultValue("1000") @Min(0) long gapGraceMillis) {
}
