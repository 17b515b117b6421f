"""The seam where inferred rules join a run: the rule packs inferred from one read report.

Inference (keneng_audit.inference) returns ordinary RulePacks whose rules are Rules with origin
`inferred(zh, en)` (see rules.model), built with `rules.loader.make_rule`; the packs carry the tables and
quantities their rules refer to. `audit_document` and `keneng-audit rules --report FILE` both call this.
"""

from __future__ import annotations

from keneng_audit.document import Document
from keneng_audit.rules.model import RulePack


def inferred_packs(doc: Document, packs: list[RulePack]) -> list[RulePack]:
    """The packs inferred from `doc`, given the declared packs that apply to it (which override and add):
    one pack `inferred` for the tables none of them declares, or none when nothing was inferred."""
    from keneng_audit.errors import KenengError
    from keneng_audit.inference import inferred_pack

    try:
        pack = inferred_pack(doc, packs)
    except KenengError:  # a broken inference words file is the user's to fix: exit 2 like any rule file
        raise
    except Exception:  # inference adds checks; a failure in it must not cost the declared ones
        return []
    return [pack] if pack.rules or pack.quantities else []


def inferred_names() -> list[tuple[str, str]]:
    """(id, name) of every rule inference may emit, so that --select/--ignore may name them (`KA54`,
    `inferred-growth`) before any report is read."""
    from keneng_audit.inference.emit import FAMILY

    return [(f"KA{family}{n:02d}", f"inferred-{data}{kind}")
            for kind, family in FAMILY.items() for n in range(100) for data in ("", "data-")]
