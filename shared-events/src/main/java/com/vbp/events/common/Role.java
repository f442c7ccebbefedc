package com.vbp.events.common;

/** The roles of DOMAIN.md "Who uses it". */
public enum Role {
    ADMIN,
    INSTITUTION,
    DISTRICT_BUREAU,
    AUDITOR,
    ANALYST
}
