"""`review …`: the county justice bureau's side — its own data directory, trusted keys, import, the county
picture, scoring and the county's outputs. Give the bureau's folder with --data-dir (or FAZHI_DATA_DIR)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from fazhi_desktop.cli.output import print_json, print_lines
from fazhi_desktop.cli.parser import verb, verb_group
from fazhi_desktop.dates import local_moment
from fazhi_desktop.errors import UsageError

# Unit kinds as the catalogue codes them (repeated here so that building the parser loads no catalogue).
UNIT_KIND_CODES = (
    "court_procuratorate",
    "government_department",
    "other",
    "party_organ",
    "township",
    "vertical_branch",
)


class _Record(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=_Record)

if TYPE_CHECKING:
    from fazhi_desktop.app.review import PastRound
    from fazhi_desktop.package.keys import UnitKey
    from fazhi_desktop.review.importer import ImportStep
    from fazhi_desktop.review.store import ReviewStore
    from fazhi_desktop.review.trust import KeyRecord
    from fazhi_desktop.review.unitview import PackageDiff


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    review = sub.add_parser("review", help="县司法局审核：登记单位密钥、批量导入上报包、汇总、评分、通报")
    rs = review.add_subparsers(dest="review_verb", required=True, metavar="<审核子命令>")

    p = verb(rs, "init", "建立审核数据目录和县司法局签名密钥", cmd_init)
    p.add_argument("--passphrase-file", type=Path, metavar="F", help="从文件读取密钥口令")
    p.add_argument("--name", default="", help="审核机关名称（默认：计划所在县的司法局）")
    p.add_argument(
        "--plan", metavar="PLAN_FILE_OR_ID", help="本轮审核的计划：计划编号或计划文件（默认：内置计划）"
    )
    p.add_argument("--period", help="本轮审核的期间，如 2021年度（默认：计划年度）")

    p = verb(
        rs,
        "new-round",
        "开始新一轮审核：换用新的计划或期间（此前的数据留档，未销号的问题带入）",
        cmd_new_round,
        json=True,
    )
    p.add_argument(
        "--plan", required=True, metavar="PLAN_FILE_OR_ID", help="新一轮的计划：计划编号或计划文件"
    )
    p.add_argument("--period", required=True, help="新一轮的期间，如 2022年度")

    verb(
        rs,
        "rounds",
        "历次审核：每一轮的计划、期间、起止时间、计入的单位数和收到的上报包数",
        cmd_rounds,
        json=True,
    )

    p = verb(
        rs,
        "import",
        "导入上报包：文件、文件夹或整个U盘（自动跳过其他文件）",
        cmd_import,
        json="以 JSON 输出每个文件的结果",
    )
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PKG_OR_DIR",
        help="上报包（.zip）、放上报包的文件夹或U盘，可给多个",
    )

    p = verb(
        rs,
        "status",
        "全县情况：各单位完成情况、未提交单位、薄弱事项",
        cmd_status,
        json="以 JSON 输出（含单位×事项矩阵）",
    )
    p.add_argument("--section", type=int, metavar="N", help="只看工作计划第 N 部分")
    p.add_argument("--area", type=int, metavar="N", help="只看指标体系第 N 个一级指标")
    p.add_argument("--kind", choices=UNIT_KIND_CODES, help="只看某类单位")
    p.add_argument("--role", choices=("牵头", "责任", "参与"), help="只看某种角色的事项")

    p = verb(
        rs, "unit", "一个单位：历次上报包、各事项答复、佐证材料、与上一版相比的变化", cmd_unit, json=True
    )
    p.add_argument("name", metavar="NAME", help="单位名称（全称、简称或曾用名）")
    p.add_argument("--evidence", metavar="ID", help="把现行上报包中编号为 ID 的佐证材料复制出来（只读）")
    p.add_argument("--out", type=Path, metavar="DIR", help="与 --evidence 同用：复制到的文件夹")

    p = verb(rs, "diff", "比较同一单位的两个上报包：字段和佐证材料的增删", cmd_diff, json=True)
    p.add_argument("a", metavar="PKG_A", help="上报包编号（前 6 位以上）或文件")
    p.add_argument("b", metavar="PKG_B", help="另一个上报包的编号（前 6 位以上）或文件")

    p = verb(rs, "score", "审核一个事项：通过或退回修改（附意见），有分值的计划可打审核得分", cmd_score)
    p.add_argument("unit", metavar="UNIT", help="单位名称")
    p.add_argument("item", metavar="ITEM", help="事项编号，如 T05")
    p.add_argument("--verdict", choices=("通过", "退回修改"), help="审核结论")
    p.add_argument("--comment", default="", help="审核意见（退回修改时必填）")
    p.add_argument("--score", type=float, help="审核得分（仅计划设有分值时）")
    p.add_argument("--reason", default="", help="扣分理由")

    p = verb(rs, "bands", "查看或设置等次分数线，如 优秀=90,良好=80,一般=60", cmd_bands)
    p.add_argument("bands", nargs="?", metavar="等次=分数,…", help="新的分数线；不给时显示现行分数线")

    p = verb(rs, "summary", "写出全县汇总表（xlsx）", cmd_summary)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="汇总表的保存位置")

    p = verb(rs, "bulletin", "写出全县通报（pdf，公文格式）", cmd_bulletin)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="通报的保存位置")
    p.add_argument("--doc-number", default="", help="通报的文号，如 莘司字〔2022〕3号")

    p = verb(rs, "ledger", "写出全县整改台账（xlsx），逾期未整改的标红", cmd_ledger)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="整改台账的保存位置")

    p = rs.add_parser("return", help="给单位签发退回包：列出退回修改的事项和审核意见")
    p.add_argument("unit", metavar="UNIT", help="单位名称")
    _signed_file_options(p)
    p.set_defaults(func=cmd_return)

    p = rs.add_parser("receipt", help="给单位签发回执：上报包编号、哈希、收到时间、核验结果")
    p.add_argument("package", metavar="PKG", help="上报包编号（前 6 位以上）或文件")
    _signed_file_options(p)
    p.set_defaults(func=cmd_receipt)

    p = verb(rs, "close", "整改销号：确认某单位某事项的问题已整改到位", cmd_close)
    p.add_argument("unit", metavar="UNIT", help="单位名称")
    p.add_argument("item", metavar="ITEM", help="事项编号，如 T05")
    p.add_argument("--note", required=True, help="核实情况（如：已现场核查整改材料）")
    p.add_argument("--period", help="该事项有多个期间的问题未销号时，指明销哪一期的（如 2021年度）")

    verb(rs, "doctor", "检查审核数据库、存档的上报包和佐证材料是否完好", cmd_doctor, json=True)

    ks = verb_group(rs, "keys", "单位密钥：登记、列出、更换、吊销", "{add,list,replace,revoke}")
    p = verb(ks, "add", "登记单位密钥：公钥文件（.pem），或封面上的密钥指纹", cmd_keys_add)
    p.add_argument("unit", metavar="UNIT", help="单位名称")
    p.add_argument("key", metavar="公钥文件或指纹", help="单位交来的公钥文件，或与书面材料核对过的指纹")
    p.add_argument("--note", default="", help="备注（如：联络员当面交来）")
    verb(ks, "list", "列出已登记的密钥（含已更换、已吊销的）", cmd_keys_list, json=True)
    p = verb(ks, "replace", "单位换用新密钥（旧密钥留档并注明日期）", cmd_keys_replace)
    p.add_argument("unit", metavar="UNIT", help="单位名称")
    p.add_argument("key", metavar="公钥文件或指纹", help="新的公钥文件或指纹")
    p.add_argument("--note", default="", help="备注（如：更换原因）")
    p = verb(ks, "revoke", "吊销单位密钥：此后用它签名的上报包一律拒收", cmd_keys_revoke)
    p.add_argument("unit", metavar="UNIT", help="单位名称")
    p.add_argument("--note", default="", help="备注（如：密钥U盘遗失）")


def _signed_file_options(p: argparse.ArgumentParser) -> None:
    """Where a file the bureau signs goes, and where its key's passphrase comes from (see _bureau_key)."""
    p.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="签发的文件的保存位置（如 U 盘上）"
    )
    p.add_argument("--passphrase-file", type=Path, metavar="F", help="从文件读取县司法局密钥口令")


def _open(args: argparse.Namespace) -> ReviewStore:
    from fazhi_desktop.review.store import ReviewStore

    store = ReviewStore.open(args.data_dir)
    store.require_bureau()
    return store


def _bureau_key(args: argparse.Namespace) -> UnitKey:
    """The bureau's signing key, unlocked with the passphrase from --passphrase-file or the terminal."""
    from fazhi_desktop.cli.passphrase import read_passphrase
    from fazhi_desktop.review.bureau import unlock_bureau_key

    return unlock_bureau_key(args.data_dir, read_passphrase(args, "县司法局密钥口令："))


def cmd_init(args: argparse.Namespace) -> int:
    from fazhi_desktop.cli.passphrase import read_passphrase
    from fazhi_desktop.package.fingerprint import display_fingerprint
    from fazhi_desktop.review.bureau import bureau_key_path, init_bureau

    passphrase = ""
    if not bureau_key_path(args.data_dir).exists():
        passphrase = read_passphrase(args, "为县司法局签名密钥设置口令：", confirm=True)
    store, bureau = init_bureau(
        args.data_dir, passphrase, name=args.name, plan_id=args.plan, period_label=args.period
    )
    store.close()
    print_lines(
        [
            f"已建立审核数据目录：{args.data_dir}",
            f"审核机关：{bureau.name}",
            f"本轮：{bureau.plan_id} {bureau.period_label}",
            f"县司法局密钥指纹：{display_fingerprint(bureau.key_fingerprint)}",
        ]
    )
    return 0


def cmd_new_round(args: argparse.Namespace) -> int:
    from fazhi_desktop.app.review import new_round

    with _open(args) as store:
        done = new_round(store, args.plan, args.period)
    if args.json:
        print_json(
            {
                "plan_id": done.bureau.plan_id,
                "plan_version": done.bureau.plan_version,
                "period": done.bureau.period_label,
                "previous": {"plan_id": done.previous.plan_id, "period": done.previous.period_label},
                "kept_packages": done.kept_packages,
                "carried_open": done.carried_open,
            }
        )
    else:
        print_lines(done.lines())
    return 0


def cmd_rounds(args: argparse.Namespace) -> int:
    from fazhi_desktop.app.review import past_rounds

    return _print_records(args, past_rounds, _round_line, "")


def _round_line(r: PastRound) -> str:
    ended = "今（本轮）" if r.ended_at is None else local_moment(r.ended_at)[:10]
    return (
        f"{r.period_label}  {r.plan_id} {r.plan_version}  {local_moment(r.started_at)[:10]} 至 {ended}"
        f"  计入 {r.units_counted} 个单位，收到 {r.packages_received} 个上报包"
    )


def _print_records(
    args: argparse.Namespace,
    fetch: Callable[[ReviewStore], Sequence[R]],
    line: Callable[[R], str],
    empty: str,
) -> int:
    """A listing verb: the records `fetch` reads from the store, with --json each one's to_dict(), else one
    line each (or `empty` when there are none)."""
    with _open(args) as store:
        records = fetch(store)
    if args.json:
        print_json([r.to_dict() for r in records])
    else:
        print_lines([line(r) for r in records] or [empty])
    return 0


def _progress_printer() -> Callable[[ImportStep], None]:
    last = [-1]

    def show(step: ImportStep) -> None:
        if step.files_done != last[0]:
            last[0] = step.files_done
            print(f"\r导入 {step.files_done}/{step.files_total} 个文件……", end="", file=sys.stderr)

    return show


def cmd_import(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.importer import STATUS_NAMES, import_packages

    with _open(args) as store:
        missing = [p for p in args.paths if not p.exists()]
        if missing:
            raise UsageError(f"找不到：{missing[0]}（U 盘是否已插好？）")
        show = _progress_printer() if sys.stderr.isatty() else None
        report = import_packages(store, args.paths, progress=show)
        if show:
            print(file=sys.stderr)
    if args.json:
        print_json(report.to_dict())
    else:
        lines = [
            f"{STATUS_NAMES[o.status]}：{o.source}"
            + (f"\n    [{o.code}] {o.message}" if o.status not in ("stored",) else "")
            for o in report.outcomes
        ]
        counts = "，".join(f"{STATUS_NAMES[s]} {report.count(s)}" for s in STATUS_NAMES if report.count(s))  # type: ignore[arg-type]
        lines.append(f"合计：{counts or '没有找到上报包'}；跳过非上报包文件 {report.ignored} 个")
        if report.cancelled:
            lines.append("已取消：其余文件未导入（已导入的不受影响）")
        if report.stopped:
            lines.append(f"已停止：{report.stopped}")
        print_lines(lines)
    if report.stopped:
        return 1
    return 0 if not report.count("quarantined") else 3


def cmd_status(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.picture import county_picture

    with _open(args) as store:
        pic = county_picture(store, section=args.section, area=args.area, unit_kind=args.kind, role=args.role)
    if args.json:
        print_json(pic.to_dict())
        return 0
    lines = [
        f"{pic.plan.meta.title}：应报 {len(pic.expected)} 个单位，已计入 {len(pic.units)} 个，未提交 {len(pic.missing)} 个"
    ]
    lines.append(f"等次依据：{pic.basis}")
    for u in pic.units:
        counts = " ".join(f"{k}{v}" for k, v in sorted(u.results.items()))
        score = f" 审核得分 {u.review_score:.1f}" if u.review_score is not None else ""
        lines.append(
            f"  {u.rank:>3}. {u.unit_name}（第{u.sequence}版）完成 {u.percent}% {counts}{score} 等次 {u.grade}"
        )
    if pic.unregistered:
        lines.append("未登记（可查看，不计入）：" + "、".join(u for u, _, _ in pic.unregistered))
    if pic.missing:
        lines.append("未提交：" + "、".join(n for n, _ in pic.missing))
    if pic.weak:
        lines.append("薄弱事项：")
        lines += [
            f"  {w.item_id} {w.title}：{w.answered} 个单位中 未完成/未达标 {w.bad}，部分完成/基本达标 {w.partial}"
            for w in pic.weak
        ]
    stats = pic.stats()
    if stats:
        lines.append(f"最高 {stats['max']}，最低 {stats['min']}，平均 {stats['mean']}")
    print_lines(lines)
    return 0


def cmd_unit(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.received import STANDING_NAMES, current_package
    from fazhi_desktop.review.trust import list_keys
    from fazhi_desktop.review.unitview import (
        copy_evidence,
        find_unit,
        results_of,
        since_previous,
        unit_packages,
    )

    with _open(args) as store:
        name = find_unit(store, args.name)
        packages = unit_packages(store, name)
        if not packages:
            raise UsageError(f"尚未收到 {name} 的上报包")
        current = current_package(store.db, name) or packages[-1]
        if args.evidence:
            if args.out is None:
                raise UsageError("请用 --out 指定复制到的文件夹")
            path = copy_evidence(store, current.package_id, args.evidence, args.out)
            print_lines([f"已复制（只读）：{path}"])
            return 0
        results = results_of(store, current.package_id)
        change = since_previous(store, name)
        keys = [k.to_dict() for k in list_keys(store, name)]
    if args.json:
        print_json(
            {
                "unit": name,
                "packages": [p.to_dict() for p in packages],
                "current": current.package_id,
                "items": results["items"],
                "evidence": results["evidence"],
                "since_previous": change.to_dict() if change else None,
                "keys": keys,
            }
        )
        return 0
    lines = [f"{name}：收到 {len(packages)} 个上报包"]
    lines += [
        f"  {p.period_label} 第{p.sequence}版 {p.package_id} {STANDING_NAMES[p.standing]} 导入于 {p.imported_at[:19]}"
        for p in packages
    ]
    lines.append(f"现行版本（{current.period_label} 第{current.sequence}版）各事项：")
    for item in results["items"]:
        if item["answered"]:
            lines.append(
                f"  {item['id']} {item['title']}：{item['result'] or '未判定'}，佐证 {len(item['evidence'])} 份"
            )
    lines.append(
        f"佐证材料 {len(results['evidence'])} 份（review unit {args.name} --evidence 编号 --out 文件夹 可复制查看）"
    )
    if change:
        lines.append(f"与第{change.before.sequence}版相比：{len(change.changes)} 个事项有变化")
        lines += _change_lines(change)
    print_lines(lines)
    return 0


def _change_lines(diff: PackageDiff) -> list[str]:
    lines = []
    for c in diff.changes:
        lines.append(f"  {c.item_id} {c.title}")
        for field, before, after in c.fields:
            lines.append(f"    {field}：{before or '（空）'} → {after or '（空）'}")
        lines += [f"    新增佐证：{n}" for n in c.evidence_added]
        lines += [f"    删除佐证：{n}" for n in c.evidence_removed]
    return lines


def cmd_diff(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.unitview import diff_packages, find_package

    with _open(args) as store:
        diff = diff_packages(store, find_package(store, args.a), find_package(store, args.b))
    if args.json:
        print_json(diff.to_dict())
        return 0
    lines = [
        f"{diff.before.unit_name}：第{diff.before.sequence}版 → 第{diff.after.sequence}版，{len(diff.changes)} 个事项有变化"
    ]
    lines += _change_lines(diff)
    lines += [f"  新增佐证材料：{n}" for n in diff.evidence_added]
    lines += [f"  删除佐证材料：{n}" for n in diff.evidence_removed]
    print_lines(lines)
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.unitview import find_unit, review_item

    with _open(args) as store:
        name = find_unit(store, args.unit)
        item_id = args.item.strip().upper()
        r = review_item(
            store,
            name,
            item_id,
            verdict=args.verdict,
            comment=args.comment,
            score=args.score,
            reason=args.reason,
        )
    score = f"，审核得分 {r.score:g}" if r.score is not None else ""
    print_lines(
        [f"{name} {item_id}：{r.verdict or '未定'}{score}" + (f"（{r.comment}）" if r.comment else "")]
    )
    return 0


def cmd_bands(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.scoring import describe_bands, grade_bands, parse_bands, set_grade_bands

    with _open(args) as store:
        if args.bands:
            set_grade_bands(store.db, parse_bands(args.bands))
        print_lines([f"等次分数线：{describe_bands(grade_bands(store.db))}"])
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.picture import county_picture
    from fazhi_desktop.review.summary import write_summary

    with _open(args) as store:
        pic = county_picture(store)
        out = write_summary(store, pic, args.out)
    print_lines([f"已写出汇总表：{out}（{len(pic.units)} 个单位计入，{len(pic.missing)} 个未提交）"])
    return 0


def cmd_bulletin(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.bulletin import write_bulletin
    from fazhi_desktop.review.picture import county_picture

    with _open(args) as store:
        pic = county_picture(store)
        out = write_bulletin(store.require_bureau(), pic, args.out, doc_number=args.doc_number)
    print_lines([f"已写出通报：{out}"])
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.ledger_xlsx import write_ledger

    with _open(args) as store:
        out, open_rows, overdue = write_ledger(store, args.out)
    print_lines([f"已写出整改台账：{out}（未销号 {open_rows} 项，其中逾期 {overdue} 项）"])
    return 0


def cmd_return(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.returns import make_return
    from fazhi_desktop.review.unitview import find_unit

    with _open(args) as store:
        name = find_unit(store, args.unit)
        issued = make_return(store, _bureau_key(args), name, args.out)
    print_lines(
        [f"已签发给 {name} 的退回包：{issued.path}（退回 {len(issued.items)} 项：{'、'.join(issued.items)}）"]
    )
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.returns import make_receipt
    from fazhi_desktop.review.unitview import find_package

    with _open(args) as store:
        package = find_package(store, args.package)
        issued = make_receipt(store, _bureau_key(args), package, args.out)
    print_lines([f"已签发回执：{issued.path}（{issued.unit_name}，上报包 {issued.package_id}）"])
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    from fazhi_desktop.review import ledger
    from fazhi_desktop.review.unitview import find_unit

    with _open(args) as store:
        row = ledger.close_item(
            store.db, find_unit(store, args.unit), args.item.strip().upper(), args.note, period=args.period
        )
    print_lines([f"已销号：{row.unit_name} {row.item_id}（{row.period_label}，{row.close_note}）"])
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.store import integrity_problems

    with _open(args) as store:
        problems = integrity_problems(store)
    if args.json:
        print_json({"ok": not problems, "problems": problems})
    else:
        print_lines(problems or ["审核数据完好：数据库、存档的上报包和佐证材料均无问题"])
    return 1 if problems else 0


def cmd_keys_add(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.importer import adopt_registered
    from fazhi_desktop.review.trust import add_key

    with _open(args) as store:
        rec = add_key(store, args.unit, args.key, note=args.note)
        adopted = adopt_registered(store, rec.unit_name)
    how = "公钥文件" if rec.source == "file" else "封面指纹（收到首个上报包时核对完整指纹）"
    lines = [f"已登记 {rec.unit_name} 的密钥 {rec.display}（{how}）"]
    if adopted:
        lines.append(f"此前收到的 {adopted} 个未登记上报包经核对密钥后已计入")
    print_lines(lines)
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.trust import list_keys

    return _print_records(
        args, list_keys, _key_line, "尚未登记任何单位密钥（review keys add 单位 公钥文件或指纹）"
    )


def _key_line(k: KeyRecord) -> str:
    return (
        f"{k.unit_name}  {k.display}  {k.status_name}  登记于 {local_moment(k.added_at)[:10]}"
        + (f"  截止 {local_moment(k.ended_at)[:10]}" if k.ended_at else "")
        + (f"  {k.note}" if k.note else "")
    )


def cmd_keys_replace(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.importer import adopt_registered
    from fazhi_desktop.review.trust import replace_key

    with _open(args) as store:
        rec = replace_key(store, args.unit, args.key, note=args.note)
        adopt_registered(store, rec.unit_name)
    print_lines([f"{rec.unit_name} 已换用新密钥 {rec.display}；旧密钥已留档"])
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    from fazhi_desktop.review.trust import revoke_key

    with _open(args) as store:
        rec = revoke_key(store, args.unit, note=args.note)
    print_lines([f"已吊销 {rec.unit_name} 的密钥 {rec.display}：此后用它签名的上报包一律拒收"])
    return 0
