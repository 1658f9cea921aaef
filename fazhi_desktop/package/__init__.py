"""The unit key and the signed summary package (BagIt in a ZIP): writing and verifying. No Qt here."""

from fazhi_desktop.package.bagzip import write_package
from fazhi_desktop.package.keyfile import DEFAULT_KDF, KdfParams
from fazhi_desktop.package.keys import (
    KeyInfo,
    UnitKey,
    backup_key_file,
    change_passphrase,
    create_unit_key,
    export_public_key,
    generate_key_file,
    key_path,
    load_key_file,
    load_unit_key,
    read_key_info,
    restore_key_file,
)
from fazhi_desktop.package.spec import (
    PackageResult,
    PackageSpec,
    PayloadEntry,
    evidence_path,
    unique_evidence_paths,
)
from fazhi_desktop.package.verify import Problem, VerificationReport, verify_package

__all__ = [
    "DEFAULT_KDF",
    "KdfParams",
    "KeyInfo",
    "PackageResult",
    "PackageSpec",
    "PayloadEntry",
    "Problem",
    "UnitKey",
    "VerificationReport",
    "backup_key_file",
    "change_passphrase",
    "create_unit_key",
    "evidence_path",
    "export_public_key",
    "generate_key_file",
    "key_path",
    "load_key_file",
    "load_unit_key",
    "read_key_info",
    "restore_key_file",
    "unique_evidence_paths",
    "verify_package",
    "write_package",
]
