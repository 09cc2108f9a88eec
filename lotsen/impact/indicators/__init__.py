"""The indicators of effect measurement, each defined once (DESIGN §2 item 8).

An indicator has a key, a section, a title, the definition shown on screen, a
unit and whether it counts people. Its `calculate(periods, scope)` answers
every requested period in one go with conditional aggregates in the database
(one `Count(filter=Q(...))` per period), so a dashboard, a trend over twelve
months or a yearly report needs a fixed number of queries whatever the volume.

`compute_indicators` turns the raw figures into what leaves the package: rows
with the previous period beside them, counts of 1–4 people hidden unless the
viewer may see small cells, and a sentence on what changed.

One module per section of the dashboard holds that section's indicators;
`registry` lists them all in their order, `vocabulary` says what an indicator
is, `figures` holds the building blocks the sections share, `sharing` runs one
computation on two database connections at once and `results` is what leaves the
package.
"""

from .figures import sharing_figures
from .outcomes import exit_outcome_counts
from .registry import INDICATORS
from .results import change_text, compute_indicators, hidden_reasons, result_from
from .vocabulary import (
    MUNICIPALITY,
    PARTY,
    REGION,
    SECTIONS,
    UNITS,
    Indicator,
    IndicatorResult,
    RawRow,
    Row,
    Scope,
    format_value,
)

__all__ = [
    "INDICATORS",
    "MUNICIPALITY",
    "PARTY",
    "REGION",
    "SECTIONS",
    "UNITS",
    "Indicator",
    "IndicatorResult",
    "RawRow",
    "Row",
    "Scope",
    "change_text",
    "compute_indicators",
    "exit_outcome_counts",
    "format_value",
    "hidden_reasons",
    "result_from",
    "sharing_figures",
]
