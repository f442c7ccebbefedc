package com.vbp.gateway.demo;

/** A district (区县) of Wuhan by its administrative division code, e.g. 420102 江岸区. */
public record District(String code, String name) {
}
