"""Evidence (佐证材料): a content-addressed file store and the attachments of each period's items."""

from fazhi_desktop.evidence.attachments import (
    EvidenceRecord,
    add_evidence,
    get_evidence,
    link_evidence,
    list_evidence,
    remove_evidence,
    unlink_evidence,
    update_evidence,
)
from fazhi_desktop.evidence.budget import SizeBudget, size_budget
from fazhi_desktop.evidence.store import blob_path

__all__ = [
    "EvidenceRecord",
    "SizeBudget",
    "add_evidence",
    "blob_path",
    "get_evidence",
    "link_evidence",
    "list_evidence",
    "remove_evidence",
    "size_budget",
    "unlink_evidence",
    "update_evidence",
]
