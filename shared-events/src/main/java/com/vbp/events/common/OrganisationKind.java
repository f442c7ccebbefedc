package com.vbp.events.common;

/** Every account belongs to exactly one organisation of one of these kinds. */
public enum OrganisationKind {
    /** 医疗机构, identified by its institution code. */
    INSTITUTION,
    /** 区医保局, identified by its district code. */
    DISTRICT_BUREAU,
    /** 市/省医保局, the single organisation {@code CITY}. */
    CITY
}
