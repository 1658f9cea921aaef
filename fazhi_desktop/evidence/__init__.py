"""Evidence (佐证材料): a content-addressed file store and the attachments of each period's items."""

from fazhi_desktop.evidence.attachments import (
    Attached,
    EvidenceRecord,
    add_evidence,
    add_evidence_files,
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
    "Attached",
    "EvidenceRecord",
    "SizeBudget",
    "add_evidence",
    "add_evidence_files",
    "blob_path",
    "get_evidence",
    "link_evidence",
    "list_evidence",
    "remove_evidence",
    "size_budget",
    "unlink_evidence",
    "update_evidence",
]
