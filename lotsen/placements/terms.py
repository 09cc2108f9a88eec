"""The fingerprint of a placement agreement's terms: what each party approves.

Pure, so that the migration that gave existing agreements their fingerprint computes it
the same way the model does (decision 0208).
"""

import hashlib
import json
from collections.abc import Mapping
from typing import Any

# The fields of PlacementAgreement that are its terms; a change to any of them asks every
# party to approve again.
TERMS = (
    "goals",
    "schedule",
    "hours_per_week",
    "supervisor_id",
    "adaptations",
    "start_date",
    "planned_end_date",
)


def terms_fingerprint(terms: Mapping[str, Any]) -> str:
    """SHA-256 of the terms in a canonical JSON form (sorted keys, adaptations sorted)."""
    canonical = {
        name: sorted(value) if name == "adaptations" else value
        for name, value in terms.items()
        if name in TERMS
    }
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()
