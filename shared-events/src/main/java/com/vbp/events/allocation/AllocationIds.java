package com.vbp.events.allocation;

/** How an institution's allocation in a batch is identified across the platform. */
public final class AllocationIds {

    private AllocationIds() {
    }

    public static String of(String batchCode, String institutionCode) {
        return batchCode + "/" + institutionCode;
    }
}
