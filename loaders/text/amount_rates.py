"""A rate of the counted items written right after their count is the count's attribute (session 16, s16-dev12).

Why: the guideline reads a share or rate that directly follows an amount and describes it as an attribute of that
amount (README: "…2085.78亿元、占比93.3%"), and indicators.attribute_of reads 占比 / 比重 / 完成率 so. Yearly
open-information reports write the rate of the counted items another way and it was read as a Metric of its own:
"主动公开政府信息903条,全文电子化率达100%" (junk in two dev10 reports) and "…409条,其中全文电子化率达100%"
(dev12). A percentage whose clause prefix is only (其中) + a short property word ending in 率 + (达 / 为 / 达到),
right after a count of items (not a rate, not a money amount: after 亿元 a …产值率 is its own statement, as dev2's
Zhejiang review has it), describes that count (attribute `rate_pct`). A rate with a subject of
its own (研发投入强度达2.3%, 覆盖全市的…率) keeps its Metric: the prefix must be that short.
"""

from __future__ import annotations

import re

from loaders.text import indicators

PROPERTY_RATE = re.compile(r"^(?:其中)?[\u4e00-\u9fff]{1,6}率(?:达到|达|为|是)?$")


def rate_of(previous, prefix: str, unit: str) -> tuple[str, int] | None:
    """("rate_pct", 1) when a percentage right after a count is a rate of the counted items, else None."""
    counted = str(previous.attrs.get("unit", "")) if previous is not None else ""
    if previous is None or unit != "%" or counted in indicators.RATES or counted.endswith("元"):
        return None  # after a money amount a rate is a statement of its own (新产品产值…元,…产值率达54.7%)
    rest = prefix.strip(",，、;；:： ")
    if PROPERTY_RATE.match(rest) and not rest.startswith(("全市", "全区", "全省", "全国")):
        return "rate_pct", 1
    return None
