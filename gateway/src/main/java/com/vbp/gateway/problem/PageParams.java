package com.vbp.gateway.problem;

import com.vbp.events.common.RefusalCode;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** The paging rules of API.md: {@code page} from 0, {@code size} from 1 to 500 (default 20). */
public final class PageParams {

    public static final int MAX_SIZE = 500;

    private PageParams() {
    }

    public static void check(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new Refused(new com.vbp.events.common.Refusal(RefusalCode.INVALID_PAGE,
                    "page must be 0 or more and size between 1 and " + MAX_SIZE,
                    Map.of("page", page, "size", size, "maxSize", MAX_SIZE), java.util.List.of()));
        }
    }
}
