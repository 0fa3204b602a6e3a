"""The Pandera schemas live in the repository's ``schemas/`` folder; the wheel ships them as
``coldwar_relations.schemas``. A source checkout imports them from the folder itself."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

try:
    from coldwar_relations.schemas import ROW_RULES, RULE_TEXT, SCHEMAS
except ImportError:  # running from a source checkout or an editable install
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    _module = importlib.import_module("schemas")
    ROW_RULES, RULE_TEXT, SCHEMAS = _module.ROW_RULES, _module.RULE_TEXT, _module.SCHEMAS

__all__ = ["ROW_RULES", "RULE_TEXT", "SCHEMAS"]
