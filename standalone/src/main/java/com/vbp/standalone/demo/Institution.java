package com.vbp.standalone.demo;

/** A medical institution (医疗机构) of the demo data and the district (辖区) it belongs to. */
public record Institution(String code, String name, String districtCode) {
}
