package com.vbp.events.common;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A district (区县) by its administrative division code (行政区划代码) and name, e.g. 420102 江岸区: the one
 * reference table of the districts the platform knows (武汉市's), for showing a name beside every district
 * code, naming district bureaus, and reading a district given by name (a demand file's 所属区县 may hold either).
 */
public record District(String code, String name) {

    /** 武汉市's districts, by code. */
    public static final List<District> WUHAN = List.of(
            new District("420102", "江岸区"),
            new District("420103", "江汉区"),
            new District("420104", "硚口区"),
            new District("420105", "汉阳区"),
            new District("420106", "武昌区"),
            new District("420107", "青山区"),
            new District("420111", "洪山区"),
            new District("420112", "东西湖区"),
            new District("420113", "汉南区"),
            new District("420114", "蔡甸区"),
            new District("420115", "江夏区"),
            new District("420116", "黄陂区"),
            new District("420117", "新洲区"));

    private static final Map<String, District> BY_CODE = WUHAN.stream()
            .collect(Collectors.toUnmodifiableMap(District::code, Function.identity()));
    private static final Map<String, District> BY_NAME = WUHAN.stream()
            .collect(Collectors.toUnmodifiableMap(District::name, Function.identity()));

    /** The district of {@code code}, if the table knows it. */
    public static Optional<District> byCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code.trim()));
    }

    /** The district given by its code or by its name (江岸区), if the table knows it. */
    public static Optional<District> byCodeOrName(String codeOrName) {
        if (codeOrName == null) {
            return Optional.empty();
        }
        String s = codeOrName.trim();
        return Optional.ofNullable(BY_CODE.getOrDefault(s, BY_NAME.get(s)));
    }

    /** The name beside a district code: 江岸区 for 420102; {@code null} for a code the table does not know. */
    public static String nameOf(String code) {
        return byCode(code).map(District::name).orElse(null);
    }

    /** The district bureau's name: 江岸区医疗保障局; for a code the table does not know, 区医疗保障局 after the code. */
    public static String bureauNameOf(String code) {
        return byCode(code).map(District::bureauName).orElse(code + " 区医疗保障局");
    }

    /** 江岸区医疗保障局. */
    public String bureauName() {
        return name + "医疗保障局";
    }

    /** 420102 in the table: the demo data and tests take districts from it by code. */
    public static District of(String code) {
        return byCode(code).orElseThrow(() -> new IllegalArgumentException("no district " + code));
    }
}
