"""The catalogue of themes (ประเด็น), default measures (มาตรการ) and limitation rules (ข้อจำกัด).

Read from ``data/catalogue/themes.yaml`` (and the agency types of ``agency_types.yaml``) and
validated on load, so officers change wording in data, never in code. Nothing here renders
text, reads score files or treats a missing score as 0.
"""

from ita_report.catalogue.fields import (
    ADDED_KEYS,
    OPTIONAL_VARIANT_FIELDS,
    OVERRIDE_KEYS,
    REQUIRED_VARIANT_FIELDS,
    SCOPE_FIELDS,
    VARIANT_FIELDS,
)
from ita_report.catalogue.overrides import apply_overrides
from ita_report.catalogue.placeholders import (
    ITEM_STEPS,
    PLACEHOLDERS,
    UNIT_KEYS,
    WORD_KEYS,
    fill,
    localise,
    placeholder_problems,
    timed,
)
from ita_report.catalogue.reader import default_path, load_catalogue
from ita_report.catalogue.records import (
    TOOLS,
    VARIANTS,
    Catalogue,
    Condition,
    Fallback,
    LimitationRule,
    OitSteps,
    PassingRow,
    Scoped,
    Theme,
    ThemeVariant,
    tool_of,
)
from ita_report.catalogue.vocabulary import AgencyType, AgencyTypes, load_agency_types

__all__ = [
    "ADDED_KEYS",
    "ITEM_STEPS",
    "OPTIONAL_VARIANT_FIELDS",
    "OVERRIDE_KEYS",
    "PLACEHOLDERS",
    "REQUIRED_VARIANT_FIELDS",
    "SCOPE_FIELDS",
    "TOOLS",
    "UNIT_KEYS",
    "VARIANTS",
    "VARIANT_FIELDS",
    "WORD_KEYS",
    "AgencyType",
    "AgencyTypes",
    "Catalogue",
    "Condition",
    "Fallback",
    "LimitationRule",
    "OitSteps",
    "PassingRow",
    "Scoped",
    "Theme",
    "ThemeVariant",
    "apply_overrides",
    "default_path",
    "fill",
    "load_agency_types",
    "load_catalogue",
    "localise",
    "placeholder_problems",
    "timed",
    "tool_of",
]
