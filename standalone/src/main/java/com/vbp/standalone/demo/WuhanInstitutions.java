package com.vbp.standalone.demo;

import com.vbp.events.common.District;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo institutions: Wuhan's central districts (named by {@link District}'s table), each with a few
 * hospitals, a community health centre per street (街道) and, for larger data sets, community
 * health stations. Names are modelled on Wuhan's; the figures attached to them are fictional.
 */
final class WuhanInstitutions {

    private WuhanInstitutions() {
    }

    /** How much an institution buys: the patient-days behind one demand line, lowest to highest. */
    enum Tier {
        CITY_HOSPITAL(3000, 9000),
        DISTRICT_HOSPITAL(1000, 3000),
        COMMUNITY_CENTRE(200, 1000),
        COMMUNITY_STATION(40, 240);

        final int lowDays;
        final int highDays;

        Tier(int lowDays, int highDays) {
            this.lowDays = lowDays;
            this.highDays = highDays;
        }
    }

    /** An institution with the tier that sizes its demand (the tier is not part of any file). */
    record Planned(Institution institution, Tier tier) {
    }

    private record Hospital(String name, Tier tier) {
    }

    /** {@code weight}: a district's share of the institutions, roughly by population. */
    private record Place(District district, int weight, List<Hospital> hospitals, List<String> streets) {
    }

    private static Hospital city(String name) {
        return new Hospital(name, Tier.CITY_HOSPITAL);
    }

    private static Hospital local(String name) {
        return new Hospital(name, Tier.DISTRICT_HOSPITAL);
    }

    private static final List<Place> PLACES = List.of(
            new Place(District.of("420102"), 14,
                    List.of(city("武汉市中心医院"), city("武汉市第六医院"), local("武汉市江岸区人民医院")),
                    List.of("塔子湖街", "后湖街", "球场街", "大智街", "一元街", "车站街", "四唯街",
                            "永清街", "西马街", "丹水池街", "花桥街", "二七街", "台北街", "新村街")),
            new Place(District.of("420103"), 11,
                    List.of(city("武汉市中医医院"), local("武汉市江汉区人民医院"), local("武汉市江汉区妇幼保健院")),
                    List.of("民族街", "花楼街", "水塔街", "民权街", "满春街", "民意街", "新华街",
                            "万松街", "唐家墩街", "北湖街", "前进街", "常青街", "汉兴街")),
            new Place(District.of("420104"), 11,
                    List.of(city("武汉市第一医院"), city("武汉市第四医院"), local("武汉市硚口区人民医院")),
                    List.of("古田街", "韩家墩街", "宗关街", "汉水桥街", "宝丰街", "荣华街", "汉中街",
                            "汉正街", "六角亭街", "易家墩街", "长丰街")),
            new Place(District.of("420105"), 10,
                    List.of(city("武汉市第五医院"), local("武汉市汉阳医院"), local("武汉市汉阳区中医医院")),
                    List.of("建桥街", "鹦鹉街", "洲头街", "五里墩街", "琴断口街", "江汉二桥街", "永丰街",
                            "四新街", "江堤街", "龙阳街")),
            new Place(District.of("420106"), 16,
                    List.of(city("武汉市第三医院"), city("武汉市第七医院"), local("武汉市武昌医院"),
                            local("武汉市武昌区中医医院")),
                    List.of("积玉桥街", "杨园街", "徐家棚街", "粮道街", "中华路街", "黄鹤楼街", "紫阳街",
                            "白沙洲街", "首义路街", "南湖街", "水果湖街", "珞珈山街", "石洞街")),
            new Place(District.of("420107"), 9,
                    List.of(city("武汉市普仁医院"), city("武汉市第九医院"), local("武汉市青山区人民医院")),
                    List.of("红卫路街", "冶金街", "新沟桥街", "红钢城街", "工人村街", "青山镇街", "厂前街",
                            "武东街", "白玉山街", "钢花村街")),
            new Place(District.of("420111"), 17,
                    List.of(local("武汉市洪山区人民医院"), local("武汉市洪山区中医医院"), local("武汉市洪山区妇幼保健院")),
                    List.of("珞南街", "关山街", "狮子山街", "张家湾街", "梨园街", "卓刀泉街", "洪山街",
                            "和平街", "青菱街", "九峰街")),
            new Place(District.of("420112"), 8,
                    List.of(local("武汉市东西湖区人民医院"), local("武汉市东西湖区中医医院")),
                    List.of("吴家山街", "将军路街", "慈惠街", "走马岭街", "径河街", "长青街", "金银湖街", "东山街")));

    /** Community names for health stations (社区卫生服务站), once every street has its centre. */
    private static final List<String> COMMUNITIES = List.of(
            "幸福", "友谊", "和平", "花园", "新华", "建设", "民主", "光明", "长青", "春江",
            "百步亭", "育才", "兴华", "永安", "桃源", "惠民", "丽江", "文化", "紫荆", "锦绣");

    /** The districts that {@link #plan(int)} uses for {@code count} institutions, by code. */
    static List<District> districts(int count) {
        return PLACES.stream().limit(Math.min(count, PLACES.size())).map(Place::district).toList();
    }

    /**
     * {@code count} institutions ordered by district and code: every district gets at least one, the
     * rest are shared by weight (largest remainder, ties to the lower code) so the split is fixed.
     */
    static List<Planned> plan(int count) {
        int places = Math.min(count, PLACES.size());
        int[] perPlace = new int[places];
        int rest = count - places;
        int totalWeight = PLACES.stream().limit(places).mapToInt(Place::weight).sum();
        int[] remainders = new int[places];
        int given = 0;
        for (int i = 0; i < places; i++) {
            long share = (long) rest * PLACES.get(i).weight();
            perPlace[i] = 1 + (int) (share / totalWeight);
            remainders[i] = (int) (share % totalWeight);
            given += perPlace[i];
        }
        while (given < count) {
            int best = 0;
            for (int i = 1; i < places; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            perPlace[best]++;
            remainders[best] = -1;
            given++;
        }
        List<Planned> planned = new ArrayList<>(count);
        for (int i = 0; i < places; i++) {
            Place place = PLACES.get(i);
            for (int k = 0; k < perPlace[i]; k++) {
                String code = "H" + place.district().code() + String.format(Locale.ROOT, "%05d", k + 1);
                planned.add(institution(place, k, code));
            }
        }
        return planned;
    }

    /** The k-th institution of a district: hospitals first, then a centre per street, then stations. */
    private static Planned institution(Place place, int k, String code) {
        String districtCode = place.district().code();
        if (k < place.hospitals().size()) {
            Hospital h = place.hospitals().get(k);
            return new Planned(new Institution(code, h.name(), districtCode), h.tier());
        }
        int i = k - place.hospitals().size();
        String districtName = place.district().name();
        List<String> streets = place.streets();
        if (i < streets.size()) {
            return new Planned(new Institution(code, districtName + streets.get(i) + "社区卫生服务中心", districtCode),
                    Tier.COMMUNITY_CENTRE);
        }
        i -= streets.size();
        String street = streets.get(i % streets.size());
        String community = COMMUNITIES.get((i / streets.size()) % COMMUNITIES.size());
        int round = i / (streets.size() * COMMUNITIES.size());
        // Beyond streets × communities stations are numbered, so names stay unique at any size.
        String station = round == 0 ? "社区卫生服务站" : "社区第" + (round + 1) + "卫生服务站";
        return new Planned(new Institution(code, districtName + street + community + station, districtCode),
                Tier.COMMUNITY_STATION);
    }
}
