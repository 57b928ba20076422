"""The Chinese statement reader: one row per sentence form (sentences written
for these tests, figures invented or from the reference set)."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.prose.chinese import read_statements
from extractors.prose.model import Context

JAN_2026 = date(2026, 1, 5)
FEB_2024 = date(2024, 2, 8)
MAR_2026 = date(2026, 3, 1)

# (text, published_on, company, expected (entity, metric, scope, period, value, qualifier, yoy))
FIGURES = [
    ("乘联分会数据显示，1月全国乘用车市场零售203.5万辆，同比增长47.6%，环比下降15.2%。", FEB_2024, None,
     {("market", "retail", "all", "2024-01", 2_035_000, "approx", 47.6)}),
    ("12月全国乘用车厂商新能源批发118.3万辆，同比增长9%；1-12月累计批发1,049.2万辆，同比增长30%。", JAN_2026, None,
     {("market", "wholesale", "nev", "2025-12", 1_183_000, "approx", 9.0),
      ("market", "wholesale", "nev", "2025", 10_492_000, "approx", 30.0)}),
    ("在新能源市场方面，11月乘用车新能源市场零售66.7万辆。今年以来累计零售600.1万辆，同比增长12%。", JAN_2026, None,
     {("market", "retail", "nev", "2025-11", 667_000, "approx", None),
      ("market", "retail", "nev", "2025-11-YTD", 6_001_000, "approx", 12.0)}),
    ("2025年6月国内乘用车市场累计零售销量812.4万辆，同比增长4%。其中，新能源乘用车市场零售销量31.2万辆，同比增长20%。", None, None,
     {("market", "retail", "all", "2025-06-YTD", 8_124_000, "approx", 4.0),
      ("market", "retail", "nev", "2025-06", 312_000, "approx", 20.0)}),
    ("今年上半年，国内乘用车市场累计零售销量900.5万辆，同比增长5%。", date(2024, 7, 9), None,
     {("market", "retail", "all", "2024-H1", 9_005_000, "approx", 5.0)}),
    ("比亚迪12月销量38.15万辆，年减12.4%。", JAN_2026, None,
     {("byd", "sales", "all", "2025-12", 381_500, "approx", -12.4)}),
    ("小鹏汽车2025年交付31.22万辆汽车，年增1.26倍。", None, None,
     {("xpeng", "deliveries", "all", "2025", 312_200, "approx", 126.0)}),
    ("中国各大车企公布2025年全年销量，比亚迪全年累计销量380万1234辆，较去年成长5.5%。", None, None,
     {("byd", "sales", "all", "2025", 3_801_234, "exact", 5.5)}),
    ("零跑汽车2025全年累计交付达40.1万辆。其中12月单月交付50321辆，年增30%。", None, None,
     {("leapmotor", "deliveries", "all", "2025", 401_000, "approx", None),
      ("leapmotor", "deliveries", "all", "2025-12", 50_321, "exact", 30.0)}),
    ("蔚来12月交付3.51万辆，旗下乐道、萤火虫品牌12月分别交付8012辆和5123辆。", JAN_2026, None,
     {("nio-group", "deliveries", "all", "2025-12", 35_100, "approx", None),
      ("onvo", "deliveries", "all", "2025-12", 8_012, "exact", None),
      ("firefly", "deliveries", "all", "2025-12", 5_123, "exact", None)}),
    ("2025年第四季度,特斯拉生产约40.1万辆电动车,交付超过42.2万辆电动车。", None, None,
     {("tesla", "production", "all", "2025-Q4", 401_000, "approx", None),
      ("tesla", "deliveries", "all", "2025-Q4", 422_000, "at_least", None)}),
    ("特斯拉12月国内销量达7.1万台，全年销量超50.3万台，同比增长3.2%。", JAN_2026, None,
     {("tesla-china", "sales", "all", "2025-12", 71_000, "approx", None),
      ("tesla-china", "sales", "all", "2025", 503_000, "at_least", 3.2)}),
    ("吉利汽车2025年总销量突破250万辆，该公司还宣布2026年目标为总销量300万辆，其中新能源目标180万辆。", None, None,
     {("geely", "sales", "all", "2025", 2_500_000, "at_least", None),
      ("geely", "target", "all", "2026", 3_000_000, "exact", None),
      ("geely", "target", "nev", "2026", 1_800_000, "exact", None)}),
    ("雷军表示，小米汽车计划在2026年全年交付40万辆汽车。", None, None,
     {("xiaomi", "target", "all", "2026", 400_000, "exact", None)}),
    ("2025年12月，小米汽车的交付量超过3万台。截至本月，小米汽车累计交付量已突破30万台。", None, None,
     {("xiaomi", "deliveries", "all", "2025-12", 30_000, "at_least", None),
      ("xiaomi", "deliveries_cumulative", "all", "2025-12", 300_000, "at_least", None)}),
    ("2023年，国内乘用累计零售量为2000.1万辆，同比增长5%。其中新能源700万辆，净增100万辆，增长30%；燃油1300.1万辆，下降4%。",
     None, None,
     {("market", "retail", "all", "2023", 20_001_000, "approx", 5.0),
      ("market", "retail", "nev", "2023", 7_000_000, "approx", 30.0),
      ("market", "retail", "ice", "2023", 13_001_000, "approx", -4.0)}),
    ("2024年第四季度的汽车交付量为41,234辆,比2023年第四季度增长了20.5%,比2024年第三季度下降了3.2%。", None, "nio-group",
     {("nio-group", "deliveries", "all", "2024-Q4", 41_234, "exact", 20.5)}),
    # a ranking's frame gives every maker of the list its scope; a plus is a floor
    ("9月新能源乘用车厂商批发销量居前的厂商中，比亚迪汽车312345辆；吉利汽车98765辆；小米汽车3万+。", date(2025, 10, 4), None,
     {("byd", "wholesale", "nev", "2025-09", 312_345, "exact", None),
      ("geely", "wholesale", "nev", "2025-09", 98_765, "exact", None),
      ("xiaomi", "wholesale", "nev", "2025-09", 30_000, "at_least", None)}),
    # a breakdown opening the next paragraph continues the figure before it
    ("10月全国乘用车厂商新能源批发140.2万辆。\n新能源批发中，纯电动批发80.1万辆；增程式批发12.3万辆。", date(2025, 11, 9), None,
     {("market", "wholesale", "nev", "2025-10", 1_402_000, "approx", None),
      ("market", "wholesale", "bev", "2025-10", 801_000, "approx", None),
      ("market", "wholesale", "erev", "2025-10", 123_000, "approx", None)}),
    ("生产：10月乘用车生产260.4万辆，同比下降2.5%。10月常规燃油乘用车零售95.2万辆，同比下降10.1%。", date(2025, 11, 9), None,
     {("market", "production", "all", "2025-10", 2_604_000, "approx", -2.5),
      ("market", "retail", "ice", "2025-10", 952_000, "approx", -10.1)}),
    ("10月新能源车市场零售渗透率55.6%，新能源批发渗透率60.1%。", date(2025, 11, 9), None,
     {("market", "penetration", "nev", "2025-10", 5_560, "approx", None)}),
    # Hong Kong wording: 按年 is year on year, 按月 month on month, 持平 no change
    ("小米汽车2月交付逾3万辆，按年持平，按月则减少20%。", MAR_2026, None,
     {("xiaomi", "deliveries", "all", "2026-02", 30_000, "at_least", 0.0)}),
    ("零跑上月交付31,234辆，按年增15%，按月亦下跌10.5%。", MAR_2026, None,
     {("leapmotor", "deliveries", "all", "2026-02", 31_234, "exact", 15.0)}),
    # a month with no year compared 同比 with that month of a named year is of the year after; a maker's
    # 截至4月底…累计 runs from its start
    ("理想汽车4月交付6123辆，同比2020年4月增长80.5%。截至4月底，理想汽车累计交付61234辆。", None, None,
     {("li-auto", "deliveries", "all", "2021-04", 6_123, "exact", 80.5),
      ("li-auto", "deliveries_cumulative", "all", "2021-04", 61_234, "exact", None)}),
    # 历史总交付量 is since the start, as of the month the text reports
    ("小鹏汽车11月交付35,123辆,1-11月累计交付380,123辆,"
     "完成全年33万辆目标。该公司历史总交付量突破95.1万辆。", date(2025, 12, 4), None,
     {("xpeng", "deliveries", "all", "2025-11", 35_123, "exact", None),
      ("xpeng", "deliveries", "all", "2025-11-YTD", 380_123, "exact", None),
      ("xpeng", "target", "all", "2025", 330_000, "exact", None),
      ("xpeng", "deliveries_cumulative", "all", "2025-11", 951_000, "at_least", None)}),
    # 去年全年 is the year before publication, not the year the text last named
    ("小鹏汽车2025年前11个月交付38.01万辆,超过去年全年19.0万辆。", date(2025, 12, 4), None,
     {("xpeng", "deliveries", "all", "2025-11-YTD", 380_100, "approx", None),
      ("xpeng", "deliveries", "all", "2024", 190_000, "approx", None)}),
    # a year's running total with a month of that year before it runs to that month
    ("零跑汽车早在去年11月就在2025年销量累计超45万辆。", date(2026, 1, 2), None,
     {("leapmotor", "sales", "all", "2025-11-YTD", 450_000, "at_least", None)}),
    # a paragraph naming no subject after the market's figures goes on about the market
    ("乘联会数据显示，2月全国乘用车市场零售110.5万辆，同比增长8%。\n1-2月累计零售230.1万辆，同比下降9.5%。",
     date(2025, 3, 9), None,
     {("market", "retail", "all", "2025-02", 1_105_000, "approx", 8.0),
      ("market", "retail", "all", "2025-02-YTD", 2_301_000, "approx", -9.5)}),
    # a subhead restating a body figure in other words gives way to the body's; 交 before a count is delivered
    ("比亚迪2月交付量21万辆\n比亚迪2月新能源车销量21万辆，按年大跌30%。\n理想2月交2.9万辆", MAR_2026, None,
     {("byd", "sales", "nev", "2026-02", 210_000, "approx", -30.0),
      ("li-auto", "deliveries", "all", "2026-02", 29_000, "approx", None)}),
    # 单月 right after a month is that month, not the month the text reports
    ("2025年12月，小米汽车的交付量超过3万台。细分来看，2025年11月单月交付量突破2.5万台。", None, None,
     {("xiaomi", "deliveries", "all", "2025-12", 30_000, "at_least", None),
      ("xiaomi", "deliveries", "all", "2025-11", 25_000, "at_least", None)}),
    # the whole month written with a day on both ends
    ("经乘联分会初步统计,2024年9月1日-30日,全国乘用车市场零售210.1万辆,同比增长5%。", None, None,
     {("market", "retail", "all", "2024-09", 2_101_000, "approx", 5.0)}),
    # a new subject takes the period its predecessor was named with, not that one's aside (第四季度累计)
    ("12月,比亚迪交付40.2万辆,理想汽车交付5.1万辆,第四季度累计15.2万辆,小鹏汽车交付3.3万辆。", JAN_2026, None,
     {("byd", "deliveries", "all", "2025-12", 402_000, "approx", None),
      ("li-auto", "deliveries", "all", "2025-12", 51_000, "approx", None),
      ("li-auto", "deliveries", "all", "2025-Q4", 152_000, "approx", None),
      ("xpeng", "deliveries", "all", "2025-12", 33_000, "approx", None)}),
    # 截止到 a month's last day: a count since the maker's start runs to that month
    ("截止到2024年8月31日,蔚来累计交付量为512,345辆。", None, None,
     {("nio-group", "deliveries_cumulative", "all", "2024-08", 512_345, "exact", None)}),
    # the target a sentence changes it to is the target; 交付量目标 after the count
    ("零跑汽车将2025年度交付量目标从60万辆下调至55万辆。", JAN_2026, None,
     {("leapmotor", "target", "all", "2025", 550_000, "exact", None)}),
    ("小鹏汽车2025年全年交付量42.1万辆,超过年初设定的36万辆年度交付量目标。", JAN_2026, None,
     {("xpeng", "deliveries", "all", "2025", 421_000, "approx", None),
      ("xpeng", "target", "all", "2025", 360_000, "exact", None)}),
    # 超出预期 is no forecast; 这一目标被上调至 supersedes the one before
    ("小米汽车将2025年的销量目标定为30万辆,但随着市场表现超出预期,这一目标被上调至32万辆。", JAN_2026, None,
     {("xiaomi", "target", "all", "2025", 320_000, "exact", None)}),
    # a forecast word in the setting of a quote (未来…论坛) is not about the words quoted
    ("在未来出行论坛上,雷军表示,“小米汽车4月交付7,123辆”。", date(2024, 5, 5), None,
     {("xiaomi", "deliveries", "all", "2024-04", 7_123, "exact", None)}),
    # 以N辆: the metric and period named after the count, in its clause
    ("2025年新势力成绩单出炉,零跑汽车以412,345辆登顶新势力年度销量冠军。", None, None,
     {("leapmotor", "sales", "all", "2025", 412_345, "exact", None)}),
    ("鸿蒙智行以61,234辆成为12月交付冠军。", JAN_2026, None,
     {("hima", "deliveries", "all", "2025-12", 61_234, "exact", None)}),
    ("新势力9月成绩出炉。零跑汽车以 5.12 万辆的单月交付量领跑,年增 80%。", date(2025, 10, 2), None,
     {("leapmotor", "deliveries", "all", "2025-09", 51_200, "approx", 80.0)}),
    # 其中乘用车 after a maker's count: the maker's passenger cars (its total then all vehicles), not the market
    ("4月,比亚迪销售新能源汽车181,234辆,其中乘用车销量为179,876辆,同比增长45%。", date(2024, 5, 3), None,
     {("byd", "sales", "nev", "2024-04", 181_234, "exact", None),
      ("byd", "sales", "nev", "2024-04", 179_876, "exact", 45.0)}),
    # 与去年同期相比 states the year-on-year change; 同比大幅增长 too
    ("3月比亚迪新能源汽车销量为15.2万辆,与去年同期相比增长40.5%。", date(2024, 4, 2), None,
     {("byd", "sales", "nev", "2024-03", 152_000, "approx", 40.5)}),
    # a heading's metric (…批发销量排名:) carries to the bullets after it
    ("2025年1-11月累计厂商批发销量排名:比亚迪汽车累计3,210,456辆 - 吉利汽车1-11月累计2,123,456辆,同比大幅增长30.2%",
     None, None,
     {("byd", "wholesale", "all", "2025-11-YTD", 3_210_456, "exact", None),
      ("geely", "wholesale", "all", "2025-11-YTD", 2_123_456, "exact", 30.2)}),
    # a sentence with no count naming a year or quarter frames the paragraph's counts that name none (同期)
    ("在出口方面,2023年乘用车出口同样创下新高。我国乘用车出口量达到了250万辆,同比增长30%。", None, None,
     {("market", "exports", "all", "2023", 2_500_000, "approx", 30.0)}),
    ("理想汽车公布2023年第一季度财报。第一季度实现营收120亿元。同期,理想汽车共计交付41,234辆新车,同比增长50%。",
     date(2023, 5, 12), None,
     {("li-auto", "deliveries", "all", "2023-Q1", 41_234, "exact", 50.0)}),
    # 过去一年: the year before the one the text is in
    ("2026年1月,乘联分会公布了过去一年全国乘用车市场成绩单。全年累计零售销量达到2310.5万辆,同比增长3.1%。", None, None,
     {("market", "retail", "all", "2025", 23_105_000, "approx", 3.1)}),
    # 仅用N个月…累计: a count since the maker's start
    ("2025年7月小米汽车交付量突破25,000台。小米仅用14个月就完成累计25万台交付。", None, None,
     {("xiaomi", "deliveries", "all", "2025-07", 25_000, "at_least", None),
      ("xiaomi", "deliveries_cumulative", "all", "2025-07", 250_000, "approx", None)}),
    # N万年销目标: the year's target (the gap to it is no figure)
    ("小米汽车9月交付超过4万辆,离30万年销目标仅差10万辆。", date(2025, 10, 2), None,
     {("xiaomi", "deliveries", "all", "2025-09", 40_000, "at_least", None),
      ("xiaomi", "target", "all", "2025", 300_000, "exact", None)}),
    # 全年 after a year stated alone takes that year, not an earlier one with a month; 销 before a count is sold
    ("2025年1-10月，吉利汽车累计售出200万辆。2018年，吉利汽车全年销 150 万辆、同比增长20%。", date(2025, 11, 3), None,
     {("geely", "sales", "all", "2025-10-YTD", 2_000_000, "approx", None),
      ("geely", "sales", "all", "2018", 1_500_000, "approx", 20.0)}),
    # the level compared with is no figure of the period ("较去年的N辆")
    ("理想汽车2023年全年的总交付量达到 312,345 辆,较去年的 123,456 辆增长了 153%。", date(2024, 2, 1), None,
     {("li-auto", "deliveries", "all", "2023", 312_345, "exact", 153.0)}),
    # an aside (包括出口) is no model list; 中国产 / 上海超级工厂 is Tesla China
    ("乘联分会数据显示，2025年9月特斯拉中国产电动车销量（包括出口）为 71,234 辆。", date(2025, 10, 9), None,
     {("tesla-china", "sales", "all", "2025-09", 71_234, "exact", None)}),
    ("特斯拉9月出口超过4万辆，上海超级工厂创新高。", date(2025, 10, 9), None,
     {("tesla-china", "exports", "all", "2025-09", 40_000, "at_least", None)}),
    # a part of a cumulative count naming its own period is read
    ("截至本月，小米汽车累计交付量已突破40万台，其中2025年全年交付量超过30万台。", date(2026, 1, 2), None,
     {("xiaomi", "deliveries_cumulative", "all", "2026-01", 400_000, "at_least", None),
      ("xiaomi", "deliveries", "all", "2025", 300_000, "at_least", None)}),
    # undated: a year set against 今年's same month is past; a month looked ahead to (展望) is not the one
    # reported; the text's year is the latest it names with a month
    ("展望6月，6月共有20个工作日。\n随着2023年促销政策启动，2023年6月的市场逐步恢复，今年6月的基数会较高。\n"
     "乘联会数据显示，5月全国乘用车零售量达160.5万辆，同比增长10%。今年以来累计零售700.1万辆。\n"
     "乘联会指出，2024年5月乘用车市场的特征如下。", None, None,
     {("market", "retail", "all", "2024-05", 1_605_000, "approx", 10.0),
      ("market", "retail", "all", "2024-05-YTD", 7_001_000, "approx", None)}),
    # a day range from the 1st to the month's last day is the whole month
    ("乘联分会数据显示，3月1-31日，全国乘用车市场零售150.5万辆，同比增长6%。", date(2025, 4, 8), None,
     {("market", "retail", "all", "2025-03", 1_505_000, "approx", 6.0)}),
    # a story whose one-sentence opening paragraph names its month
    ("2024年3月，新势力销量呈现分化态势。\n小鹏汽车以12345辆的交付量蝉联冠军，同比增长20%。", date(2024, 4, 1), None,
     {("xpeng", "deliveries", "all", "2024-03", 12_345, "exact", 20.0)}),
]


def _tuples(text: str, published_on: date | None, company: str | None = None) -> set[tuple]:
    reading = read_statements(text, Context(published_on, company))
    return {(s.entity, s.metric, s.scope, s.period, s.value, s.qualifier, s.yoy_pct) for s in reading.statements}


@pytest.mark.parametrize(("text", "published_on", "company", "expected"), FIGURES)
def test_sentence_forms(text, published_on, company, expected):
    assert _tuples(text, published_on, company) == expected


# (text, published_on, the skipped count, words of the reason)
NOTHING = [
    ("乘联会数据显示，今年4月乘用车零售仅稍低于2018年4月190万的最高水平。", date(2024, 5, 9), "190万", "a record level"),
    ("蔚来交付12000辆，主品牌与子品牌乐道分占8000辆和4000辆。", date(2024, 4, 1), "8000辆", "cannot be paired"),
    ("乘联分会预测，本月狭义乘用车零售约200.0万辆，同比增长5%。", JAN_2026, "200.0万辆", "forecast"),
    ("小鹏汽车第4季累计交付11万辆，低于管理层给出的季指引12万至13万辆。", JAN_2026, "12万", "forecast"),
    ("6月份乘用车市场日均零售销量为61,234辆，同比下跌2%。", date(2024, 7, 4), "61,234辆", "daily"),
    ("12月第1-2周全国乘用车市场零售50万辆。", JAN_2026, "50万辆", "weekly"),
    ("这些8月新能源销量万辆以上厂商企业的9月销量为120万辆。", JAN_2026, "120万辆", "part"),
    ("自主品牌零售100万辆，同比增长20%。", JAN_2026, "100万辆", "part"),
    ("其中高阶车型 ES6 单月交付 1.5 万辆。", JAN_2026, "1.5 万辆", "model"),
    ("2023年国内乘用批发2400万辆，同比增长200万辆。", None, "200万辆", "increment"),
    ("2024年1-6月累计召回50批300万辆。", None, "300万辆", "not a count"),
    ("比亚迪12月销量40万辆。", None, "40万辆", "publication date"),
    ("比亚迪去年销售400万辆。", None, "400万辆", "publication date"),
    ("零跑汽车的原目标为50万辆。", JAN_2026, "50万辆", "superseded"),
    ("东风汽车12月销量20万辆。", JAN_2026, "20万辆", "not in the entity list"),
    ("根据批发销量超过1万辆的厂商数据估算，11月新能源批发约150万辆。", JAN_2026, "1万辆", "threshold"),
    ("理想汽车第10万辆整车已于本月下线。", JAN_2026, "10万辆", "ordinal"),
    ("理想ONE在4月交付6123辆，同比2020年4月增长80.5%。", None, "6123辆", "model"),
    ("蔚来上月交付量21,345辆，其中1.6万辆为旗舰车型。", JAN_2026, "1.6万辆", "其中"),
    ("零跑汽车早在去年11月就在2025年销量累计超45万辆。", None, "45万辆", "cannot be dated"),
    ("小鹏汽车11月交付3.5万辆,低于10月的历史峰值(41,234辆)。", JAN_2026, "41,234辆", "compared with"),
    ("比亚迪4月销量20万辆，较2022年4月增长30%。", None, "20万辆", "publication date"),
    ("2月全国乘用车市场零售110.5万辆。\n此外，1-2月全球汽车销量达到1200万辆。", date(2025, 3, 9), "1200万辆", "no maker"),
    ("比亚迪2月交付量21万辆\n比亚迪2月新能源车销量21万辆，按年大跌30%。", MAR_2026, "210000", "headline"),
    ("这是小鹏汽车连续第四个月交付量超过2万辆。", JAN_2026, "2万辆", "streak"),
    ("小鹏汽车2024年销量还不到18万辆。", JAN_2026, "18万辆", "upper bound"),
    ("零跑汽车12月交付60123辆,继11月后再度站稳6万辆关口。", JAN_2026, "6万辆", "threshold"),
    ("理想汽车否认了关于其修改今年目标至50万辆的报道。", JAN_2026, "50万辆", "denies"),
    ("理想汽车没有足够的能力完成50万辆的销售目标。", JAN_2026, "50万辆", "denies"),
    ("零跑汽车将2025年度交付量目标从60万辆下调至55万辆。", JAN_2026, "60万辆", "superseded"),
    ("小米汽车计划6月单月交付1.2万辆。", date(2024, 6, 3), "1.2万辆", "annual target"),
    ("理想汽车6月销量已达2.8万辆。", date(2023, 6, 28), "28000", "not over"),
    ("比亚迪的批发销量比第二名一汽大众高出了接近8万辆。", date(2023, 6, 10), "8万辆", "gap"),
    ("紧随其后的是吉利汽车和长安汽车,它们的2023年销量也均超过了百万辆大关。", None, "百万辆", "each pass"),
    ("零跑在9月最后一周销量达1.2万,创历史新高。", date(2025, 10, 2), "1.2万", "weekly"),
    ("截至4月,比亚迪新能源销量突破380万辆。", date(2023, 5, 3), "380万辆", "start is not stated"),
    ("2023年中国汽车市场总销量突破2900万辆大关。", None, "2900万辆", "whole vehicle industry"),
    # a year a forecast names does not date the text's 全年
    ("卢伟冰透露,小米全年的冲刺目标是12万台。预计YU7将于2025年6月上市。", None, "12万台", "no year stated"),
    # what a period would need ("若想完成目标…至少要达到N"): no figure
    ("若想完成全年交付目标，理想汽车12月交付量至少要达到6.1万辆。", JAN_2026, "6.1万辆", "forecast"),
    # a part of a count since the start (其中国内 …) with no period of its own
    ("截至2023年5月，特斯拉上海超级工厂已累计向全球用户交付45.6万辆汽车，其中国内市场交付25.1万辆。", None, "25.1万辆",
     "cumulative"),
    ("比亚迪2023年全年总销量为 2,987,654 辆,较去年的 1,802,345 辆增长 65.8%。", None, "1,802,345 辆", "compared with"),
    # a part of a month (days short of its last, weeks), and a year to date in such a text (it runs to a day)
    ("5月1-18日，全国乘用车市场零售81.2万辆，同比增长3%。", date(2025, 5, 21), "81.2万辆", "part of a month"),
    ("5月1-30日，全国乘用车市场零售140.3万辆。", date(2025, 6, 3), "140.3万辆", "part of a month"),
    ("5月1-18日，全国乘用车市场零售81.2万辆；今年以来累计零售760.4万辆，同比增长8%。", date(2025, 5, 21), "760.4万辆",
     "runs to a day"),
    ("2025年5月前两周，全国乘用车市场零售62.1万辆，其中新能源零售31.5万辆。全国乘用车厂商批发64.7万辆。",
     date(2025, 5, 20), "64.7万辆", "part of a month"),
    ("2025年5月前两周，全国乘用车市场零售62.1万辆，其中新能源零售31.5万辆。", date(2025, 5, 20), "31.5万辆",
     "part of a month"),
    # a loss is a change, not a level
    ("今年1-4月汽车市场零售下降9.5%，已损失70万辆。", date(2025, 5, 12), "70万辆", "increment"),
    # a series of a maker named as what was counted carries to the sentence after
    ("2023年6月，吉利开始披露银河销量。6月份售出 8123 辆。", None, "8123 辆", "part"),
]


def test_an_unknown_makers_count_is_skipped_saying_what_it_would_state():
    text = "9月新能源乘用车厂商批发销量居前的厂商中，比亚迪汽车312345辆；星河远帆汽车45678辆，环比增长3%；吉利汽车98765辆。"
    reading = read_statements(text, Context(date(2025, 10, 4)))
    assert {s.entity for s in reading.statements} == {"byd", "geely"}, "not given to the maker before it, nor to the market"
    (skipped,) = [s for s in reading.skipped if s.unknown_maker]
    stated = skipped.unknown_maker
    assert "not a known maker" in skipped.reason
    assert (stated.entity, stated.metric, stated.scope, stated.period, stated.value, stated.mom_pct) == (
        "星河远帆汽车", "wholesale", "nev", "2025-09", 45_678, 3.0)


@pytest.mark.parametrize(("text", "published_on", "number", "reason"), NOTHING)
def test_forms_that_state_no_figure(text, published_on, number, reason):
    reading = read_statements(text, Context(published_on))
    skipped = {s.number: s.reason for s in reading.skipped}
    assert number in skipped and reason in skipped[number]
    assert all(s.value != 0 for s in reading.statements)


def test_cpca_is_cited_from_the_sentences_before():
    text = "乘联会数据显示，市场保持增长。\n2月全国乘用车市场零售110.0万辆，同比下降5%。"
    (statement,) = read_statements(text, Context(date(2025, 3, 9))).statements
    assert statement.cites == "cpca"
    assert statement.mom_pct is None


def test_a_key_stated_twice_keeps_the_more_precise_value():
    text = "零跑汽车2025年交付近60万辆。零跑汽车2025全年累计交付达59.1万辆。"
    (statement,) = read_statements(text, Context(None)).statements
    assert statement.value == 591_000
