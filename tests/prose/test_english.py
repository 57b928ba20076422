"""The English statement reader, one row per sentence form. Sentences and
figures are invented; they follow the forms releases and news print."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.prose import Context, read_statements

JULY = date(2025, 8, 2)
JANUARY = date(2026, 1, 9)

# (text, published, company) → [(entity, metric, scope, period, value, qualifier, yoy)]
READS = [
    ("Acme news. Zeekr delivered 14,820 cars in July, up 18.2 percent from 12,540 a year earlier, though down 4.1 percent from 15,450 in June.",
     JULY, None, [("zeekr", "deliveries", "all", "2025-07", 14820, "exact", 18.2), ("zeekr", "deliveries", "all", "2024-07", 12540, "exact", None),
                  ("zeekr", "deliveries", "all", "2025-06", 15450, "exact", None)]),
    ("NIO delivers in July\n\nNio delivered 23,456 vehicles in July. So far this year, the company has delivered 134,567 vehicles, up 12.3 percent year-on-year.",
     JULY, None, [("nio-group", "deliveries", "all", "2025-07", 23456, "exact", None), ("nio-group", "deliveries", "all", "2025-07-YTD", 134567, "exact", 12.3)]),
    ("The NIO brand delivered 17,890 vehicles in July.", JULY, None, [("nio", "deliveries", "all", "2025-07", 17890, "exact", None)]),
    ("Hongmeng Zhixing sold 44,321 cars in July.", JULY, None, [("hima", "sales", "all", "2025-07", 44321, "exact", None)]),
    ("Tesla China sold 61,234 vehicles in July. Tesla delivered 384,122 vehicles in the second quarter.",
     JULY, None, [("tesla-china", "sales", "all", "2025-07", 61234, "exact", None), ("tesla", "deliveries", "all", "2025-Q2", 384122, "exact", None)]),
    ("Tesla's retail sales in China reached 38,760 units in July, up 6.4% year-on-year, the China Passenger Car Association's figures showed.",
     JULY, None, [("tesla-china", "retail", "all", "2025-07", 38760, "exact", 6.4)]),
    ("China's passenger vehicle retail sales rose 5.6 percent year on year to 1.93 million units in July.",
     JULY, None, [("market", "retail", "all", "2025-07", 1930000, "approx", 5.6)]),
    ("Sales of electric vehicles and plug-in hybrids climbed 12% from a year earlier, accounting for 987,000 of the 1.95 million vehicles sold in July.",
     JULY, None, [("market", "sales", "nev", "2025-07", 987000, "approx", 12.0), ("market", "sales", "all", "2025-07", 1950000, "approx", None)]),
    ("Exports of passenger vehicles soared 21 percent from a year ago to 415,000 units last month.",
     JULY, None, [("market", "exports", "all", "2025-07", 415000, "approx", 21.0)]),
    ("New-energy passenger vehicle wholesale reached 1.12 mln in July, according to the CPCA.",
     JULY, None, [("market", "wholesale", "nev", "2025-07", 1120000, "approx", None)]),
    ("The Company delivered 65,432 vehicles in the third quarter of 2025. The deliveries in the quarter consisted of 43,210 vehicles "
     "from its premium brand NIO and 22,222 vehicles from its family brand ONVO.", JANUARY, "nio-group",
     [("nio-group", "deliveries", "all", "2025-Q3", 65432, "exact", None), ("nio", "deliveries", "all", "2025-Q3", 43210, "exact", None),
      ("onvo", "deliveries", "all", "2025-Q3", 22222, "exact", None)]),
    ("Leapmotor delivered 31,111 vehicles in H1 2025.", JULY, None, [("leapmotor", "deliveries", "all", "2025-H1", 31111, "exact", None)]),
    ("Xpeng delivered 45,678 vehicles in the first half of 2025.", JULY, None, [("xpeng", "deliveries", "all", "2025-H1", 45678, "exact", None)]),
    ("From January through November, BYD sold 3,456,789 vehicles.", JANUARY, None, [("byd", "sales", "all", "2025-11-YTD", 3456789, "exact", None)]),
    ("In the first 11 months of 2025, Li Auto delivered 345,678 vehicles.", JANUARY, None, [("li-auto", "deliveries", "all", "2025-11-YTD", 345678, "exact", None)]),
    ("Li Auto delivered more than 40,000 vehicles in December.", JANUARY, None, [("li-auto", "deliveries", "all", "2025-12", 40000, "at_least", None)]),
    ("Xiaomi delivered nearly 30,000 vehicles in December.", JANUARY, None, [("xiaomi", "deliveries", "all", "2025-12", 30000, "approx", None)]),
    ("Xiaomi delivered 36,400 vehicles in December.", JANUARY, None, [("xiaomi", "deliveries", "all", "2025-12", 36400, "approx", None)]),
    ("Xiaomi raised its full-year 2026 delivery target to over 550,000 units.", JANUARY, None, [("xiaomi", "target", "all", "2026", 550000, "at_least", None)]),
    ("Geely cut its 2026 sales target from 3.5 million to 3.1 million.", JANUARY, None, [("geely", "target", "all", "2026", 3100000, "exact", None)]),
    ("At the end of December, Zeekr's cumulative deliveries since inception stood at 765,432 vehicles.",
     JANUARY, None, [("zeekr", "deliveries_cumulative", "all", "2025-12", 765432, "exact", None)]),
    ("Vehicle deliveries were 87,654 in the fourth quarter of 2025, representing an increase of 15.5% from the fourth quarter of 2024.",
     JANUARY, "nio-group", [("nio-group", "deliveries", "all", "2025-Q4", 87654, "exact", 15.5)]),
    ("BYD sold 318,640 NEVs in December, up 2.7 percent compared with 310,250 units in the same month last year.",
     JANUARY, None, [("byd", "sales", "nev", "2025-12", 318640, "exact", 2.7), ("byd", "sales", "nev", "2024-12", 310250, "exact", None)]),
    ("Lynk & Co sold 123,456 vehicles in 2025 (+12% YoY).", JANUARY, None, [("lynk-co", "sales", "all", "2025", 123456, "exact", 12.0)]),
    # an undated text: a yearless month printed with a year elsewhere; makers named with the period share it;
    # "A and B deliveries" share their noun
    ("Li Auto, Xpeng and Leapmotor topped the December deliveries of startups. Li Auto led with 41,234 deliveries. "
     "Xpeng and Leapmotor followed with 17,654 and 15,432 deliveries, respectively. GAC Aion sold 33,456 vehicles in December 2023.",
     None, None, [("li-auto", "deliveries", "all", "2023-12", 41234, "exact", None), ("xpeng", "deliveries", "all", "2023-12", 17654, "exact", None),
                  ("leapmotor", "deliveries", "all", "2023-12", 15432, "exact", None), ("gac-aion", "sales", "all", "2023-12", 33456, "exact", None)]),
    # an undated text: the latest full date it states bounds its publication; a target after the count takes the reported year
    ("Xpeng G6 cars at a show in Guangzhou on July 17, 2025.\n\nXpeng delivered 33,480 vehicles in November, rising 4.8% over October "
     "and 15% year on year. Its year-to-date deliveries stand at 204,310 cars, already beyond its 200,000 annual delivery target.",
     None, None, [("xpeng", "deliveries", "all", "2025-11", 33480, "exact", 15.0), ("xpeng", "deliveries", "all", "2025-11-YTD", 204310, "exact", None),
                  ("xpeng", "target", "all", "2025", 200000, "exact", None)]),
    ("A Zeekr 7X at a show on July 17, 2025.\n\nZeekr delivered 27,123 cars in November. This brings its full year's deliveries to 194,321, "
     "short of its full-year delivery target of 230,000 vehicles. Zeekr has revised its target to 220,000 deliveries by the end of the year.",
     None, None, [("zeekr", "deliveries", "all", "2025-11", 27123, "exact", None), ("zeekr", "deliveries", "all", "2025-11-YTD", 194321, "exact", None),
                  ("zeekr", "target", "all", "2025", 230000, "exact", None), ("zeekr", "target", "all", "2025", 220000, "exact", None)]),
    # cumulative figures set against a full-year target are the year so far
    ("BYD delivered 456,789 vehicles in November. Its cumulative deliveries stand at 3,456,789, exceeding its full-year target of 3.4 million.",
     JANUARY, None, [("byd", "deliveries", "all", "2025-11", 456789, "exact", None), ("byd", "deliveries", "all", "2025-11-YTD", 3456789, "exact", None),
                     ("byd", "target", "all", "2025", 3400000, "exact", None)]),
    # a participle restates the clause's metric noun
    ("BYD posted record global vehicle sales in 2025, delivering 4,123,456 units worldwide, up 7.1% from 2024. "
     "Of that total, 2,034,517 were electric vehicles (EVs), an increase of 26.3%, while 2,088,939 were plug-in hybrid vehicles (PHEVs), down 6.2%.",
     JANUARY, None, [("byd", "sales", "all", "2025", 4123456, "exact", 7.1), ("byd", "sales", "bev", "2025", 2034517, "exact", 26.3),
                     ("byd", "sales", "phev", "2025", 2088939, "exact", -6.2)]),
    # the change of a count's own clause, not of the clause before it
    ("BYD sold 4,012,345 vehicles in 2025. Fully electric vehicles accounted for more than 1.5 million units, rising 12.1 percent year on year, "
     "while plug-in hybrids surged 72.8 percent to around 2.4 million units.",
     JANUARY, None, [("byd", "sales", "all", "2025", 4012345, "exact", None), ("byd", "sales", "bev", "2025", 1500000, "at_least", 12.1),
                     ("byd", "sales", "phev", "2025", 2400000, "approx", 72.8)]),
    ("Tesla posted 598,420 retail sales in China for 2025, down 5.3% year-on-year.", JANUARY, None, [("tesla-china", "retail", "all", "2025", 598420, "exact", -5.3)]),
    ("Over the first 11 months of 2025, Chinese automakers sold more than 11.2 million NEVs, up 28.4 percent on the previous year.",
     JANUARY, None, [("market", "sales", "nev", "2025-11-YTD", 11200000, "at_least", 28.4)]),
    ("China's passenger vehicle sales climbed 18.3% from a year earlier in November, faster than October's 9.1% growth. "
     "Car sales came to 2.3 million units last month.", date(2025, 12, 5), None, [("market", "sales", "all", "2025-11", 2300000, "approx", 18.3)]),
    ("Xiaomi hit a milestone, producing its 500,000th car, and raised its 2025 delivery target to over 400,000 units.",
     JANUARY, None, [("xiaomi", "target", "all", "2025", 400000, "at_least", None)]),
    ("Zeekr has set itself a target of 260,000 deliveries before this year is out.", JULY, None,
     [("zeekr", "target", "all", "2025", 260000, "exact", None)]),
    # a streak's threshold beside the month's figure is no figure
    ("Xpeng delivered 31,234 vehicles in June, the fifth consecutive month it delivered more than 30,000 units.",
     JULY, None, [("xpeng", "deliveries", "all", "2025-06", 31234, "exact", None)]),
    # "EV and hybrid sales" are NEVs; the part it includes keeps its own scope
    ("BYD reported EV and hybrid sales of 301,234 in December, including 150,321 all-electric cars.",
     JANUARY, None, [("byd", "sales", "nev", "2025-12", 301234, "exact", None), ("byd", "sales", "bev", "2025-12", 150321, "exact", None)]),
    # "electric vehicles" beside a different NEV figure for the same year are battery EVs
    ("In 2025, BYD sold around 2.2 million electric vehicles. Its new energy vehicle (NEV) sales last year came to roughly 4.5 million units.",
     JANUARY, None, [("byd", "sales", "bev", "2025", 2200000, "approx", None), ("byd", "sales", "nev", "2025", 4500000, "approx", None)]),
    # cumulative words with a year, or with the year so far, are the year's figure; a year the count runs "since" is not its period
    ("For the full year of 2025, BYD's cumulative NEV sales were 4,123,456 units.", JANUARY, None, [("byd", "sales", "nev", "2025", 4123456, "exact", None)]),
    ("Leapmotor delivered 42,360 vehicles in November. So far this year, Leapmotor's accumulated deliveries stand at 356,218.",
     JANUARY, None, [("leapmotor", "deliveries", "all", "2025-11", 42360, "exact", None),
                     ("leapmotor", "deliveries", "all", "2025-11-YTD", 356218, "exact", None)]),
    ("Li Auto delivered 40,123 vehicles in November 2025. Cumulative deliveries have reached 1,234,567 since the vehicle's market debut in 2019.",
     JANUARY, None, [("li-auto", "deliveries", "all", "2025-11", 40123, "exact", None),
                     ("li-auto", "deliveries_cumulative", "all", "2025-11", 1234567, "exact", None)]),
    ("Zeekr's cumulative deliveries in 2025, counted through the end of October, have reached 201,430 units.",
     JANUARY, None, [("zeekr", "deliveries", "all", "2025-10-YTD", 201430, "exact", None)]),
    # "by <month>, had sold" with a change on a year earlier: the year so far, not since inception
    ("By November 2025, the company had sold 512,345 vehicles, marking a 21% year-on-year increase.",
     JANUARY, "leapmotor", [("leapmotor", "sales", "all", "2025-11-YTD", 512345, "exact", 21.0)]),
    # a brand printed as a group's namesake brand; a maker named to describe another is not the subject
    ("NIO's namesake brand delivered 123,456 vehicles in 2025, down 5.2% from a year earlier.",
     JANUARY, None, [("nio", "deliveries", "all", "2025", 123456, "exact", -5.2)]),
    ("Xpeng Inc. set a record as the Tesla rival delivered 103,456 units in the second quarter of 2025. The automaker delivered 34,567 vehicles in June.",
     JULY, None, [("xpeng", "deliveries", "all", "2025-Q2", 103456, "exact", None), ("xpeng", "deliveries", "all", "2025-06", 34567, "exact", None)]),
    ("Tesla exported 32,123 China-made cars in July, CPCA said.", JULY, None, [("tesla-china", "exports", "all", "2025-07", 32123, "exact", None)]),
    # a subject no entity list names does not take the maker named in the clause before
    ("BYD sold 300,123 vehicles last month while General Motors' joint venture with a local partner delivered 27,123 units.",
     JULY, None, [("byd", "sales", "all", "2025-07", 300123, "exact", None)]),
    # "That's up … from N a year ago": the bases of the figure the sentence before stated
    ("BYD sold 301,480 NEVs in December. That's up 11.9 percent from 269,440 units a year ago, and 2.5 percent above November's 294,130 units.",
     JANUARY, None, [("byd", "sales", "nev", "2025-12", 301480, "exact", 11.9), ("byd", "sales", "nev", "2024-12", 269440, "exact", None),
                     ("byd", "sales", "nev", "2025-11", 294130, "exact", None)]),
    ("China's passenger vehicle sales totalled 1.65 million units in April, up 2.1% from the previous month. The April number was up 14.5% from a year earlier.",
     date(2025, 5, 9), None, [("market", "sales", "all", "2025-04", 1650000, "approx", 14.5)]),
    # subject-less noun phrases carry the subject; a web address is no maker; a yearless full year in its own clause is the year
    ("NIO delivered 46,870 vehicles in December 2025. Deliveries for the fourth quarter came to 121,540, up 68.3% year-on-year, and full-year deliveries "
     "reached 318,960, bringing its cumulative deliveries to 1,012,340 as of Dec. 31, the company said. nio.com",
     JANUARY, None, [("nio-group", "deliveries", "all", "2025-12", 46870, "exact", None), ("nio-group", "deliveries", "all", "2025-Q4", 121540, "exact", 68.3),
                     ("nio-group", "deliveries", "all", "2025", 318960, "exact", None),
                     ("nio-group", "deliveries_cumulative", "all", "2025-12", 1012340, "exact", None)]),
    ("China's wholesale sales of passenger NEVs were 1.2 million units in July, according to the CPCA.",
     JULY, None, [("market", "wholesale", "nev", "2025-07", 1200000, "approx", None)]),
    # undated texts: a month compared with the same month of a year is the year after; a year that is over and a plan for the
    # next settle the text's year; so do a caption's date and a plan for that date's year
    ("Xpeng said it delivered 6,123 vehicles in February, a jump of 150% over Feb. 2024. Nio delivered 7,234 vehicles in February.",
     None, None, [("xpeng", "deliveries", "all", "2025-02", 6123, "exact", 150.0), ("nio-group", "deliveries", "all", "2025-02", 7234, "exact", None)]),
    ("Leapmotor delivered 41,234 vehicles in March. Its sales target for 2026 is 1 million vehicles. For 2025 as a whole, the company delivered 587,210 vehicles.",
     None, None, [("leapmotor", "deliveries", "all", "2026-03", 41234, "exact", None), ("leapmotor", "target", "all", "2026", 1000000, "exact", None),
                  ("leapmotor", "deliveries", "all", "2025", 587210, "exact", None)]),
    ("Zeekr cars at a show in Bangkok on March 25, 2025.\n\nZeekr delivered 25,123 vehicles in October. The company expects to deliver 300,000 cars in 2025.",
     None, None, [("zeekr", "deliveries", "all", "2025-10", 25123, "exact", None)]),
    # thousands grouped by spaces; a quarter printed as its months; a period compared with is not the story's
    ("Xpeng delivered 31 234 vehicles in December.", JANUARY, None, [("xpeng", "deliveries", "all", "2025-12", 31234, "exact", None)]),
    ("Between July and September 2025, Leapmotor delivered 123,456 vehicles.", JANUARY, None, [("leapmotor", "deliveries", "all", "2025-Q3", 123456, "exact", None)]),
    ("Nio's figures for the second quarter of 2025 are out. Deliveries rose 10 percent compared to the first quarter of 2025. It delivered 65,432 vehicles.",
     JULY, None, [("nio-group", "deliveries", "all", "2025-Q2", 65432, "exact", None)]),
    # "retail passenger car sales" is retail; a rounded value restated exactly in parentheses; a base of "from 2024's"
    ("In July, retail passenger car sales of China's NEVs reached 1.012 million units, up 12 percent year-on-year.",
     JULY, None, [("market", "retail", "nev", "2025-07", 1012000, "approx", 12.0)]),
    ("Geely reported sales of over 3.02 million (3,021,234) vehicles in 2025, a 20.1 per cent increase from 2024's 2,516,789 units sold.",
     JANUARY, None, [("geely", "sales", "all", "2025", 3021234, "exact", 20.1), ("geely", "sales", "all", "2024", 2516789, "exact", None)]),
    # "vehicle sales" after a maker's story are the maker's; cumulative since founding; an amount with decimals is no count
    ("BYD posted record sales. New-energy vehicle sales for December were 412 345 units.", JANUARY, None,
     [("byd", "sales", "nev", "2025-12", 412345, "exact", None)]),
    ("Nio delivered 40,123 vehicles in December, bringing its total deliveries since the company was founded to 876,543.", JANUARY, None,
     [("nio-group", "deliveries", "all", "2025-12", 40123, "exact", None), ("nio-group", "deliveries_cumulative", "all", "2025-12", 876543, "exact", None)]),
    ("Li Auto's vehicle sales were 28,123.4 in the second quarter of 2025.", JULY, None, []),
    # the year up to a month's last day; "the given month" is the month the text is about; a spelled-out percentage
    ("Passenger car retail sales in China reached 1.85 million units in July. In the current year up to July 31, passenger car retail "
     "sales in China amounted to 12.34 million units, up by seven percent year on year. In the given month, new energy passenger car "
     "retail sales totaled 1.02 million units.", JULY, None,
     [("market", "retail", "all", "2025-07", 1850000, "approx", None), ("market", "retail", "all", "2025-07-YTD", 12340000, "approx", 7.0),
      ("market", "retail", "nev", "2025-07", 1020000, "approx", None)]),
    # "<scope> wholesale sales in China" are the market's, and an estimate of a month past is a figure
    ("New energy vehicle (NEV) wholesale sales in China are estimated to have reached 1.11 million units in July.", JULY, None,
     [("market", "wholesale", "nev", "2025-07", 1110000, "approx", None)]),
    # carmakers of a country are the market's makers, not a group of brands
    ("Chinese carmakers sold 2.41 million vehicles in July, up 10% year on year.", JULY, None,
     [("market", "sales", "all", "2025-07", 2410000, "approx", 10.0)]),
    # sentences glued without a space after the full stop
    ("Foreign brands lost ground at their plants.Passenger vehicle sales were up 4.4% to 22.5 million units in 2025.", JANUARY, None,
     [("market", "sales", "all", "2025", 22500000, "approx", 4.4)]),
    # a tally the sentence's figure brings up is the same measure; "by the third quarter" is the year through it
    ("Nio delivered 21,123 vehicles in May, taking its second-quarter tally to 39,456.", JULY, None,
     [("nio-group", "deliveries", "all", "2025-05", 21123, "exact", None), ("nio-group", "deliveries", "all", "2025-Q2", 39456, "exact", None)]),
    ("By the third quarter of 2025, Leapmotor had sold 345,678 vehicles.", JANUARY, None, [("leapmotor", "sales", "all", "2025-09-YTD", 345678, "exact", None)]),
    ("Xiaomi sold 41,234 vehicles in November. That brings its year-to-date sales through November to 361,234 units.", JANUARY, None,
     [("xiaomi", "sales", "all", "2025-11", 41234, "exact", None), ("xiaomi", "sales", "all", "2025-11-YTD", 361234, "exact", None)]),
    # "plug-in hybrid and pure-electric" is NEV; EVs (and their tally) beside a maker of hybrids' total are battery EVs
    ("BYD sold 412,345 plug-in hybrid and pure-electric passenger vehicles in December.", JANUARY, None,
     [("byd", "sales", "nev", "2025-12", 412345, "exact", None)]),
    ("BYD, the hybrid and EV maker, sold 198,765 EVs in December, taking its 2025 tally to 2.1 million. Overall, it sold 4.6 million "
     "passenger cars last year.", JANUARY, None,
     [("byd", "sales", "all", "2025-12", 198765, "exact", None), ("byd", "sales", "bev", "2025", 2100000, "approx", None),
      ("byd", "sales", "all", "2025", 4600000, "approx", None)]),
    ("Chinese smartphone maker Xiaomi sold 40,123 electric vehicles in July.", JULY, None, [("xiaomi", "sales", "all", "2025-07", 40123, "exact", None)]),
    # an undated text: a month compared with "the same month of 2024" is 2025's; "from April when … sold N" is April's;
    # "locally made" Teslas are Tesla China's
    ("Tesla delivered 71,234 China-made vehicles in May. That was a 3.1% rise from April when Tesla sold 69,123 locally made cars. "
     "Sales rose 12% in May from 63,456 vehicles in the same month of 2024.", None, None,
     [("tesla-china", "deliveries", "all", "2025-05", 71234, "exact", None), ("tesla-china", "sales", "all", "2025-04", 69123, "exact", None),
      ("tesla-china", "sales", "all", "2024-05", 63456, "exact", None)]),
    # "N vehicles under the NIO brand": the alias that names the brand is the brand
    ("Nio delivered 30,123 vehicles in July. These consisted of 22,456 vehicles under the NIO brand and 7,667 vehicles under the Onvo brand.", JULY, None,
     [("nio-group", "deliveries", "all", "2025-07", 30123, "exact", None), ("nio", "deliveries", "all", "2025-07", 22456, "exact", None),
      ("onvo", "deliveries", "all", "2025-07", 7667, "exact", None)]),
    # the year so far opened by "since the beginning of the year"; a release's sentence wrapped over indented lines; a
    # year's running total ("has now delivered") of the month before publication; "China's … wholesales" after a maker's figure
    ("China's NEV retail sales reached 1.05 million units in July. Since the beginning of the year, retail sales of NEVs in China rose "
     "12.4 percent year on year to 6.12 million units.", JULY, None,
     [("market", "retail", "nev", "2025-07", 1050000, "approx", None), ("market", "retail", "nev", "2025-07-YTD", 6120000, "approx", 12.4)]),
    ("-- Vehicle deliveries in the second quarter of 2025 were 43,210, made up \n      of 28,450 vehicles from the Company's premium "
     "brand NIO and 14,760 vehicles \n      from the Company's family brand ONVO.", JULY, "nio-group",
     [("nio-group", "deliveries", "all", "2025-Q2", 43210, "exact", None), ("nio", "deliveries", "all", "2025-Q2", 28450, "exact", None),
      ("onvo", "deliveries", "all", "2025-Q2", 14760, "exact", None)]),
    ("Nio delivered 21,345 vehicles in July. For 2025, Nio has now delivered a total of 123,456 vehicles.", JULY, None,
     [("nio-group", "deliveries", "all", "2025-07", 21345, "exact", None), ("nio-group", "deliveries", "all", "2025-07-YTD", 123456, "exact", None)]),
    ("Geely sold 150,321 vehicles in July. China's NEV wholesales reached around 1.1 million units in July.", JULY, None,
     [("geely", "sales", "all", "2025-07", 150321, "exact", None), ("market", "wholesale", "nev", "2025-07", 1100000, "approx", None)]),
    # a month's possessive names the count after it ("June's 4,218", "June 2025's record of …"); a change that lost its
    # percent sign before "to N" is no range's end
    ("Xpeng delivered 5,120 vehicles in July, up from June's 4,218.", JULY, None,
     [("xpeng", "deliveries", "all", "2025-07", 5120, "exact", None), ("xpeng", "deliveries", "all", "2025-06", 4218, "exact", None)]),
    ("NEVs reported a YoY decline in retail sales in China of 4.25 to 512,000 units last month, as per CPCA data. Notably, that figure "
     "also represents a 30.1% decline from June 2025's record of 733,000 units.", JULY, None,
     [("market", "retail", "nev", "2025-07", 512000, "approx", None), ("market", "retail", "nev", "2025-06", 733000, "approx", None)]),
    # "the same period of the year prior" after "compared to the": the year-ago base
    ("Zeekr reported the delivery of 12,345 vehicles in July 2025. That is a 20% rise compared to the 10,288 vehicles delivered during "
     "the same period of the year prior.", JULY, None,
     [("zeekr", "deliveries", "all", "2025-07", 12345, "exact", 20.0), ("zeekr", "deliveries", "all", "2024-07", 10288, "exact", None)]),
    # "in July last year"; "The company" is the maker still, though a sentence between cites CPCA's data
    ("Tesla sold 58,910 China-made vehicles in July. These numbers are based on China Passenger Car Association (CPCA) data. "
     "The company sold only 63,470 made-in-China vehicles in July last year.", JULY, None,
     [("tesla-china", "sales", "all", "2025-07", 58910, "exact", None), ("tesla-china", "sales", "all", "2024-07", 63470, "exact", None)]),
    # a measure's change stated first, its count "sold" next; "Among them" parts count the same; petrol vehicles are ICE
    ("Retail sales of China's passenger cars rose 6.1 percent year on year in July, the CPCA said. A total of 1.93 million passenger "
     "vehicles were sold last month. Among them, sales of new-energy vehicles surged to about 1.1 million units in July, while sales "
     "of petrol vehicles dropped to 830,000 units.", JULY, None,
     [("market", "retail", "all", "2025-07", 1930000, "approx", 6.1), ("market", "retail", "nev", "2025-07", 1100000, "approx", None),
      ("market", "retail", "ice", "2025-07", 830000, "approx", None)]),
    # "sold through retail channels": retail, not sales
    ("China car sales data, according to the CPCA.\n\nFrom January to May, about 1.23 million NEVs were sold through retail channels, up 17 percent year on year.",
     date(2025, 6, 10), None, [("market", "retail", "nev", "2025-05-YTD", 1230000, "approx", 17.0)]),
]

# (text, published, company, the skip reason's words)
SKIPS = [
    # "in the quarter" with no quarter named in its sentence (the one before named another); a yearless month told as
    # following a later one, in an undated text; "can potentially hit"; a PDF's glued "centersand"
    ("Nio's loss narrowed from the fourth quarter of 2024. Nio's vehicle deliveries were 72,056 in the quarter, up 25.6% Y/Y.", JULY, None,
     "found none that fits"),
    ("NEV sales in China peaked in December 2024. This was followed by a drop in China's NEV sales to 670,000 units in January.", None, None,
     "sequence"),
    ("NEV retail sales in China can potentially hit 800,000 units in July, according to the CPCA.", date(2025, 8, 9), None, "forecast"),
    ("At June 30, 2025, the Company operated 480 retail stores across 140 cities, plus 390 service centers and 95 body shops.", JULY, "li-auto",
     "other than vehicles"),
    ("Nio expects deliveries to be between 80,000 and 84,000 vehicles in the first quarter.", JANUARY, None, "forecast"),
    ("Retail sales are expected to amount to 1.7 million units in January.", JANUARY, None, "forecast"),
    ("Xiaomi delivered more than 40,000 vehicles in December.", None, None, "publication date"),
    ("Li Auto's orders exceeded 20,000 units in December.", JANUARY, None, "orders"),
    ("Xpeng delivered 12,345 Mona M03 cars in December.", JANUARY, None, "one model"),
    ("BYD sold 98,765 SUVs in December.", JANUARY, None, "body type"),
    ("Li Auto delivered 1,234 vehicles a day in December.", JANUARY, None, "daily"),
    ("2025 Q4 2025 Q3 2025 Q2 Deliveries 98,765 87,654 76,543", JANUARY, "li-auto", "table row"),
    ("Deliveries rose to 20,000 units last month, one analyst said.", JANUARY, None, "no entity"),
    # undated texts: a month before the latest full date's month, or long after it, or a date in a plan, dates nothing
    ("Xpeng G6 cars at a show on July 17, 2025.\n\nXpeng delivered 31,234 vehicles in March.", None, None, "publication date"),
    ("Xpeng G6 cars at a show on January 10, 2025.\n\nXpeng delivered 31,234 vehicles in November.", None, None, "publication date"),
    ("Deliveries of the new SUV will start on July 1, 2025. Xpeng delivered 31,234 vehicles in September.", None, None, "publication date"),
    ("Xpeng and Nio delivered 20,123 and 18,456 vehicles in November and December, respectively.", JANUARY, None, "respectively"),
    # a yearless "full year" is not the publication's year
    ("Vehicle Deliveries for the Full Year came to 218,460 units", JANUARY, "nio-group", "found none that fits"),
    # part of a month (weekly data), and the year so far in a text on part of a month
    ("For March 1-16, passenger NEV retail sales in China reached 305,000 units, 18 percent higher than a year earlier.", JANUARY, None, "part of a month"),
    ("Retail sales from March 1-16 were 512,000 units. So far this year, retail sales of passenger cars totaled 3.1 million units.",
     JANUARY, None, "runs to a day"),
    # ranges, guidance, levels approached, run rates, analysts' estimates, per-month values
    ("Zeekr's sales target for 2026 is 300,000 to 320,000 vehicles.", JANUARY, None, "range"),
    ("The company has guided first-quarter deliveries to be in the range of 41,000 to 43,000 vehicles.", JANUARY, "nio-group", "range"),
    ("The record month left Xpeng closing in on 900,000 cumulative deliveries.", JANUARY, None, "approached"),
    ("The company's models have already achieved monthly sales of more than 40,000 units.", JANUARY, "leapmotor", "run rate"),
    ("Analysts estimate Tesla sold around 61,200 units in December, according to estimates compiled by a data firm.", JANUARY, None, "analysts"),
    ("Zeekr delivered about 21,300 units each month in the fourth quarter.", JANUARY, None, "weekly or daily"),
    # a sentence that lost its subject; a glued heading does not take the subject before it
    ("delivered 104,560 battery-electric cars and 118,720 plug-in hybrids last December.", JANUARY, None, "cut off"),
    ("Geely plans a new venture in Europe. Autos & TransportationTesla sold 32,123 vehicles in July.", JULY, None, "no entity list names"),
    # a list a forecast opens; a range printed "between … and …"; a period still to come; the world market
    ("The association's forecasts are as follows:\n\n• 2026 retail sales: 24.1 million units, up 2% YoY.", JANUARY, None, "list of forecasts"),
    ("Leapmotor's target for 2026 is between 700,000 and 750,000 vehicles.", JANUARY, None, "range"),
    ("Leapmotor is confident of reaching 1 million vehicle sales in the next year.", JANUARY, None, "forecast"),
    ("BYD's numbers came as global EV sales reached a record 1.9 million units in November.", JANUARY, None, "world market"),
    # a month not over when the text was published is an estimate (a CPCA preliminary forecast), and so is its part
    ("It is initially estimated that passenger car retail sales in December are approximately 2.2 million units. Of this, new energy "
     "vehicle retail is estimated to be around 1.3 million.", date(2025, 12, 18), None, "not over"),
    # a model's count ("Tesla's Model Y ... it sold"); the cars a subsidy scheme reached
    ("The YU7 has overtaken Tesla's Model Y (in which it sold 25,000 units in the same period) in July.", JULY, None, "one model"),
    ("More than 5.1 million cars sold last year benefited from government subsidies.", JANUARY, None, "other than vehicles"),
    # a model as the subject, however far before its count; a year's running total whose last month the text leaves open
    ("Nio said the ES8 model, built on its newest platform, passed a milestone of over 12,000 units sold in July.", JULY, None, "one model"),
    ("Nio's May was its best month. For 2025, Nio has now delivered a total of 123,456 vehicles.", JULY, None, "running total"),
    # the earlier value of a figure the text says was revised
    ("The March figure was revised down from the 512,000 NEVs it announced earlier.", date(2025, 4, 20), None, "revised figure"),
    ("NEV retail sales in March were revised upward from 498,000 units.", date(2025, 4, 20), None, "revised figure"),
    # a change in inventory or dealer stock is no count of vehicles sold or made
    ("Overall dealer inventory decreased by 70,000 units in August.", date(2025, 9, 9), None, "other than vehicles"),
    ("Passenger car inventories fell by 45,000 vehicles in July.", JULY, None, "other than vehicles"),
    ("Dealer stock rose by 38,000 units in June.", JULY, None, "other than vehicles"),
    # a group of brands is a part of the market, never its total
    ("Domestic brands retailed 1.21 million vehicles last August, up 8% year-on-year.", date(2025, 9, 9), None, "brand group"),
    ("Chinese brands' retail sales reached 1.07 million units in July.", JULY, None, "brand group"),
    ("Joint-venture brands sold 410,000 vehicles in July, down 3% year on year.", JULY, None, "brand group"),
    ("Retail sales of foreign brands were 402,000 units in July.", JULY, None, "brand group"),
    ("Luxury brands sold 215,000 cars in July.", JULY, None, "brand group"),
    ("Mainstream JV brands' retail sales came to 380,000 units in July.", JULY, None, "brand group"),
]


def rows(reading):
    return [(s.entity, s.metric, s.scope, s.period, s.value, s.qualifier, s.yoy_pct) for s in reading.statements]


@pytest.mark.parametrize("text, published, company, expected", READS)
def test_each_form_reads_its_figures(text, published, company, expected):
    assert rows(read_statements(text, Context(published, company))) == expected


@pytest.mark.parametrize("text, published, company, reason", SKIPS)
def test_what_is_no_figure_is_skipped_with_its_reason(text, published, company, reason):
    reading = read_statements(text, Context(published, company))
    assert reading.statements == []
    assert any(reason in s.reason for s in reading.skipped), [s.reason for s in reading.skipped]


def test_a_story_on_cpca_data_cites_it():
    text = ("China's passenger car sales rose 3.9% in July from a year earlier. Sales hit 1.88 million vehicles in July, "
            "up from 1.81 million a year earlier, according to figures of the China Passenger Car Association.")
    reading = read_statements(text, Context(JULY))
    assert [(s.period, s.value, s.yoy_pct, s.cites) for s in reading.statements] == [
        ("2025-07", 1880000, 3.9, "cpca"), ("2024-07", 1810000, None, "cpca"),
    ]


def test_a_subject_carries_from_the_title():
    text = "Zeekr's deliveries slip in July\n\nJuly deliveries dropped to 14,321 units, the company said."
    assert rows(read_statements(text, Context(JULY))) == [("zeekr", "deliveries", "all", "2025-07", 14321, "exact", None)]


def test_a_total_beside_its_passenger_part_is_the_total():
    text = ("BYD saw NEV sales rise 40.1 percent year on year to over 3.02 million units in 2025. Passenger vehicles dominated the "
            "company's NEV portfolio, with sales reaching 2.94 million units, up 41.2 percent from the previous year.")
    reading = read_statements(text, Context(JANUARY))
    assert [(s.entity, s.scope, s.segment, s.value, s.yoy_pct) for s in reading.statements] == [
        ("byd", "nev", "all", 3020000, 40.1), ("byd", "nev", "passenger", 2940000, 41.2),
    ]


def test_passenger_named_before_a_sentence_s_first_count_is_its_segment():
    text = ("BYD sold 210,987 NEVs in April, including 1,234 commercial vehicles. Among these passenger NEVs, battery electric vehicles (BEVs) "
            "sold 106,870 units, up 79.4 percent from 59,570 units a year earlier, and up 1.9 percent from 104,880 units in March.")
    reading = read_statements(text, Context(date(2025, 5, 2)))
    assert [(s.scope, s.segment, s.period, s.value, s.yoy_pct, s.mom_pct) for s in reading.statements][-3:] == [
        ("bev", "passenger", "2025-04", 106870, 79.4, 1.9), ("bev", "passenger", "2024-04", 59570, None, None),
        ("bev", "passenger", "2025-03", 104880, None, None),
    ]


def test_a_month_printed_with_two_years_dates_no_yearless_one():
    text = "Onvo delivered 8,765 vehicles in December. Nio delivered 31,234 vehicles in December 2024, up from 29,876 in December 2023."
    reading = read_statements(text, Context(None))
    assert [(s.entity, s.period) for s in reading.statements] == [("nio-group", "2024-12"), ("nio-group", "2023-12")]
    assert [s.reason for s in reading.skipped if s.number == "8,765"] == ["a month or quarter with no year, and no publication date to date it by"]


def test_segments_given_respectively_pair_by_position():
    text = ("BYD stopped making petrol cars in March, and all its vehicles are now NEVs, including passenger cars as well as commercial "
            "vehicles, and in December the two sold 296,410 and 1,380 units respectively.")
    reading = read_statements(text, Context(JANUARY))
    assert [(s.segment, s.period, s.value) for s in reading.statements] == [("passenger", "2025-12", 296410), ("commercial", "2025-12", 1380)]
