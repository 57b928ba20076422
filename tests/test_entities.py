"""The entity dimension (extractors/entities.csv): canonical ids with English and
Chinese names, aliases and parents, as the reference notes state them."""

from __future__ import annotations

import pytest

from extractors.helpers import entities, entity_id
from extractors.prose import resolve_entity

# Reference notes, section 3: Chinese names to canonical makers and brands, and the groups.
CHINESE = {"比亚迪": "byd", "特斯拉中国": "tesla-china", "吉利汽车": "geely", "零跑汽车": "leapmotor", "理想汽车": "li-auto",
           "小米汽车": "xiaomi", "蔚来": "nio", "乐道": "onvo", "萤火虫": "firefly", "小鹏汽车": "xpeng", "极氪": "zeekr", "领克": "lynk-co",
           "赛力斯": "seres", "问界": "seres", "鸿蒙智行": "hima", "长安汽车": "changan", "上汽通用五菱": "saic-gm-wuling", "奇瑞汽车": "chery",
           "长城汽车": "great-wall", "广汽埃安": "gac-aion", "上汽乘用车": "saic-passenger", "一汽-大众": "faw-vw", "上汽大众": "saic-vw"}
GROUPS = {"nio-group": {"nio", "onvo", "firefly"}, "zeekr-group": {"zeekr", "lynk-co"}, "byd": {"denza", "fangchengbao", "yangwang"}}


def test_every_entity_of_figures_csv_is_in_the_seed(published_figures):
    assert {row["entity"] for row in published_figures.rows} <= set(entities())


@pytest.mark.parametrize("name, expected", sorted(CHINESE.items()))
def test_chinese_names_map_to_canonical_ids(name, expected):
    assert entity_id(name) == expected


def test_parents_make_the_groups():
    seed = entities()
    for group, members in GROUPS.items():
        assert {e.id for e in seed.values() if e.parent == group} == members
    assert all(seed[brand].kind == "brand" for members in GROUPS.values() for brand in members)


def test_every_maker_and_brand_has_an_english_and_a_chinese_name():
    for entity in entities().values():
        assert entity.name_en and entity.name_zh, entity.id


@pytest.mark.parametrize("name", ["Lynk & Co", "Lynk and Co", "LYNK&CO", "Fang Cheng Bao", "Li Auto Inc", "XPENG", "Giga Shanghai"])
def test_english_spellings_resolve(name):
    assert entity_id(name) is not None


def test_a_bare_name_shared_by_a_brand_and_its_group_needs_context():
    assert resolve_entity("NIO", company="nio-group") == "nio-group"
    assert resolve_entity("NIO", brand_qualified=True, company="nio-group") == "nio"
    assert resolve_entity("NIO") is None, "in news, a bare NIO could be the brand or NIO Inc."
    assert resolve_entity("NIO Inc.") == "nio-group"
    assert resolve_entity("ZEEKR Group") == "zeekr-group" and resolve_entity("ZEEKR", brand_qualified=True) == "zeekr"
    assert resolve_entity("ONVO") == "onvo" and resolve_entity("Leapmotor") == "leapmotor"
