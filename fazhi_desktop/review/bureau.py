"""Setting up the bureau: its record in the store and its Ed25519 signing key.

The key is the same kind of file as a unit's (package/keys.py: scrypt + AES-GCM, passphrase, written
atomically, never overwritten), only at another name.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from fazhi_desktop.catalogue import registry
from fazhi_desktop.catalogue.model import Plan
from fazhi_desktop.catalogue.registry import get_plan
from fazhi_desktop.errors import CatalogueError, UsageError
from fazhi_desktop.package.fingerprint import display_fingerprint
from fazhi_desktop.package.keyfile import DEFAULT_KDF, KdfParams
from fazhi_desktop.package.keys import KEY_DIR, UnitKey, generate_key_file, load_key_file, read_key_info
from fazhi_desktop.review.store import Bureau, ReviewStore, Round, round_started
from fazhi_desktop.selfcheck.model import PeriodKind, period_label
from fazhi_desktop.store.db import utc_now

BUREAU_KEY_FILE = "bureau-key.json"


class RoundRefused(UsageError):
    """A new round refused. `code` and `params` name the reason apart from the Chinese message, so that a
    window can say it in its own language: no_period, bad_period (period), same_round and earlier_round
    (plan, period; earlier_round also started), other_signer (file, signer, bureau)."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class UnknownRoundPlan(CatalogueError):
    """A new round on a plan id this data directory does not know (params: plan, known)."""

    code = "unknown_plan"

    def __init__(self, plan: str, known: str) -> None:
        super().__init__(f"没有编号为“{plan}”的计划；已有：{known}")
        self.params = {"plan": plan, "known": known}


def bureau_key_path(data_dir: Path) -> Path:
    return Path(data_dir) / KEY_DIR / BUREAU_KEY_FILE


def init_bureau(
    data_dir: Path,
    passphrase: str,
    *,
    name: str = "",
    plan_id: str | None = None,
    period_label: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> tuple[ReviewStore, Bureau]:
    """Create the store, the bureau key and the bureau's record (once); the round is one plan and period.

    `plan_id` is a plan id known here or a plan file, as for a new round (`round_plan`); a signed plan
    file must then carry the key this data directory already has."""
    period = check_period_label(period_label) if period_label else None  # before anything is made
    path_given = plan_id is not None and Path(plan_id.strip()).is_file()
    plan = None if path_given else get_plan(plan_id, Path(data_dir))
    store = ReviewStore.open(data_dir, create=True)
    try:
        if store.bureau() is not None:
            raise UsageError(f"{data_dir} 已经初始化为审核数据目录（{store.require_bureau().name}）")
        path = bureau_key_path(data_dir)
        key_fp = read_key_info(path).fingerprint if path.exists() else None
        if plan is None:
            assert plan_id is not None
            plan = _plan_from_file(Path(data_dir), Path(plan_id.strip()), key_fp)
        if key_fp is None:
            key_fp = generate_key_file(path, passphrase, kdf=kdf).fingerprint
        bureau = Bureau(
            name=name or f"{plan.meta.county}司法局",
            plan_id=plan.meta.id,
            plan_version=plan.meta.version,
            period_label=period or f"{plan.meta.year}年度",
            key_fingerprint=key_fp,
            created_at=utc_now(),
        )
        store.insert_bureau(bureau)
    except BaseException:
        store.close()
        raise
    return store, bureau


def unlock_bureau_key(data_dir: Path, passphrase: str) -> UnitKey:
    """The bureau's key, unlocked (WrongPassphrase, KeyFileMissing … as for a unit key)."""
    return load_key_file(bureau_key_path(data_dir), passphrase)


def round_plan(store: ReviewStore, ref: str) -> Plan:
    """The plan a round collects: a plan id known here (built in, or kept in plans/ — the same lookup as
    `init_bureau`), or a plan file (signed .signed, catalogue .json, workbook .xlsx) read by the
    catalogue's own reader and then kept in the data directory's plans folder. A signed file must carry
    this bureau's own signature: units trust the bureau key they saw first."""
    path = Path(ref.strip())
    if not path.is_file():
        wanted = ref.strip() or registry.DEFAULT_PLAN_ID
        ids = sorted({p.meta.id for p in registry.available_plans(store.data_dir)})
        if wanted not in ids:
            raise UnknownRoundPlan(wanted, "、".join(ids) or "（无）")
        return get_plan(wanted, store.data_dir)
    return _plan_from_file(store.data_dir, path, store.require_bureau().key_fingerprint)


def _plan_from_file(data_dir: Path, path: Path, bureau_fp: str | None) -> Plan:
    """A plan file read by the catalogue's reader and kept in the plans folder. A signed one must carry
    the bureau's key (`bureau_fp`; None: no key yet, so no signed file can be ours)."""
    got = registry.read_plan_file(path)
    if got.signed and (got.signer_fingerprint or "") != (bureau_fp or "").upper():
        bureau = display_fingerprint(bureau_fp) if bureau_fp else "尚未建立"
        raise RoundRefused(
            "other_signer",
            f"{path.name} 由另一把密钥签名（指纹 {got.signer_display}），不是本县司法局的密钥"
            f"（{bureau}）：未采用。请用本审核数据目录的县司法局密钥签名（plan sign），或改用未签名的计划文件",
            file=path.name,
            signer=got.signer_display,
            bureau=bureau,
        )
    known = registry.check_new_version(data_dir, got.plan)
    if known is not None:
        return known
    container = path.read_bytes() if got.signed else None
    return registry.store_plan(data_dir, got.plan, got.raw, signed_container=container)


def check_period_label(label: str) -> str:
    """A period written the way the unit program writes it on every package (2022年度, 2022年上半年 …):
    a round under another spelling would put every package aside."""
    label = label.strip()
    if not label:
        raise RoundRefused("no_period", "请写明新一轮审核的期间，如 2022年度、2022年上半年")
    year = label[:4]
    if not (year.isdigit() and any(label == period_label(int(year), kind) for kind in get_args(PeriodKind))):
        raise RoundRefused(
            "bad_period",
            f"期间“{label}”的写法与单位程序不同（应为 2022年度、2022年上半年 或 2022年下半年 这样的写法）："
            "单位上报包上的期间按这种写法，写法不同的一轮收不到任何上报包",
            period=label,
        )
    return label


def start_round(store: ReviewStore, plan: Plan, period: str) -> Bureau:
    """Switch the bureau to a new round (plan and period). Everything received before stays on record;
    refused for the current round itself, for an earlier round and for an empty or misspelt period."""
    label = check_period_label(period)
    bureau = store.require_bureau()
    if (plan.meta.id, label) == (bureau.plan_id, bureau.period_label):
        raise RoundRefused(
            "same_round",
            f"本轮审核的已经是 {plan.meta.id} {label}：新一轮请换一个期间（或另一份计划）",
            plan=plan.meta.id,
            period=label,
        )
    earlier = round_started(store.db, Round(plan.meta.id, label))
    if earlier is not None:
        raise RoundRefused(
            "earlier_round",
            f"{plan.meta.id} {label} 是此前审核过的一轮（{earlier[:10]} 开始）：不能回到已结束的一轮，"
            "那一轮收到的上报包、审核意见和台账都已留档",
            plan=plan.meta.id,
            period=label,
            started=earlier[:10],
        )
    store.backup("before-new-round")
    return store.switch_round(plan.meta.id, plan.meta.version, label)
