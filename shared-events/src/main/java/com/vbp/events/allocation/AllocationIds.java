package com.vbp.events.allocation;

/** How an institution's allocation and a product's capacity in a batch are identified across the platform. */
public final class AllocationIds {

    private AllocationIds() {
    }

    public static String of(String batchCode, String institutionCode) {
        return batchCode + "/" + institutionCode;
    }

    public static String capacityOf(String batchCode, String drugCode) {
        return "capacity/" + batchCode + "/" + drugCode;
    }
}
