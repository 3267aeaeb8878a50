"""The `roadmaps` command: check files, import them into the store, generate synthetic data.

roadmaps check FILE… [--json] [--region R] [--municipality M] [--number N] [--date D]
                     [--plan-start D] [--plan-end D] [--level L] [--reference XLSX] [--db PATH]
roadmaps import FILE… --db PATH [--quiet] [--json] [same options as check]
roadmaps import --sample --db PATH [--quiet] [--if-empty]
roadmaps generate …
roadmaps scenario FILE --db PATH [--json] [--against OTHER_FILE_OR_SAVED_ID]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from loaders.document import DocumentOptions
from loaders.importer import (
    FileInput,
    check_batch,
    import_batch,
    load_batch,
    options_of,
    report_of,
    sample_inputs,
    with_earlier_facts,
)
from loaders.report import LoadReport, report_json, report_text
from model.entities import RoadmapLevel

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmaps",
        description="Загрузка дорожных карт (приказов) и справочника в «Карту ответственности».",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="команда")

    check = commands.add_parser(
        "check", help="проверить файлы и показать отчёт о загрузке, ничего не записывая"
    )
    check.add_argument("files", nargs="+", type=Path, metavar="ФАЙЛ")
    _document_options(check)
    check.add_argument("--json", action="store_true", help="вывести отчёт в JSON")
    check.add_argument(
        "--reference", type=Path, metavar="XLSX", help="справочник, по которому искать исполнителей"
    )
    check.add_argument(
        "--db", type=Path, metavar="PATH", help="база, из которой взять уже загруженные данные"
    )

    load = commands.add_parser("import", help="загрузить файлы в базу (каждый файл — отдельной транзакцией)")
    load.add_argument("files", nargs="*", type=Path, metavar="ФАЙЛ")
    load.add_argument("--db", type=Path, required=True, metavar="PATH", help="файл базы SQLite")
    load.add_argument(
        "--sample", action="store_true", help="загрузить демонстрационные данные из sample_data/"
    )
    load.add_argument(
        "--manifest", type=Path, metavar="JSON", help="загрузить файлы, перечисленные в manifest.json"
    )
    load.add_argument("--reference", type=Path, metavar="XLSX", help="справочник, загружаемый первым")
    load.add_argument("--quiet", action="store_true", help="не печатать отчёт (только ошибки)")
    load.add_argument(
        "--if-empty", action="store_true", help="загружать, только если в базе нет ни одного файла"
    )
    load.add_argument("--json", action="store_true", help="вывести отчёт в JSON")
    _document_options(load)

    commands.add_parser(
        "generate", help="создать синтетические данные (region, federal-district, national)", add_help=False
    )

    scenario = commands.add_parser(
        "scenario", help="применить сценарий «что если» к базе и показать сравнение с планом"
    )
    scenario.add_argument("file", type=Path, metavar="ФАЙЛ", help="файл сценария (JSON)")
    scenario.add_argument("--db", type=Path, required=True, metavar="PATH", help="файл базы SQLite")
    scenario.add_argument("--json", action="store_true", help="вывести сравнение в JSON")
    scenario.add_argument(
        "--against",
        metavar="ФАЙЛ_ИЛИ_ID",
        help="сравнить не с планом, а с другим сценарием: его файлом или идентификатором сохранённого в базе",
    )
    return parser


def _document_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", default="", help="регион документа, если его нет в тексте")
    parser.add_argument("--municipality", default="", help="муниципалитет документа")
    parser.add_argument("--number", default="", help="номер приказа, если его нет в тексте")
    parser.add_argument("--date", default="", metavar="ДАТА", help="дата приказа (2020-10-28 или 28.10.2020)")
    parser.add_argument("--plan-start", default="", metavar="ДАТА", help="начало периода плана (2020-09-01)")
    parser.add_argument("--plan-end", default="", metavar="ДАТА", help="конец периода плана (2021-08-31)")
    parser.add_argument(
        "--level", default="", choices=["", *(str(v) for v in RoadmapLevel)], help="уровень документа"
    )


def _options(args: argparse.Namespace) -> DocumentOptions:
    return options_of(
        {
            "region": args.region,
            "municipality": args.municipality,
            "number": args.number,
            "date": args.date,
            "plan_start": args.plan_start,
            "plan_end": args.plan_end,
            "level": args.level,
        }
    )


def _inputs(files: Sequence[Path], options: DocumentOptions, reference: Path | None) -> list[FileInput]:
    inputs = [FileInput(reference)] if reference is not None else []
    return inputs + [FileInput(f, options) for f in files if f != reference]


def _print(report: LoadReport, as_json: bool) -> None:
    print(report_json(report) if as_json else report_text(report))


def _errors(report: LoadReport) -> list[str]:
    return [f"{f.file}: {i.message}" for f in report.files for i in f.issues if str(i.severity) == "error"]


def _check(args: argparse.Namespace) -> int:
    inputs = _inputs(args.files, _options(args), args.reference)
    if args.db is not None:
        from loaders.store import open_store

        with open_store(args.db) as store:
            results = check_batch(store, with_earlier_facts(store, inputs))
    else:
        results = load_batch(inputs)
    report = report_of(results)
    _print(report, args.json)
    return 0 if report.ok else 1


def _import(args: argparse.Namespace) -> int:
    from loaders.store import count_imports, open_store

    if args.sample:
        inputs = sample_inputs(SAMPLE_DIR)
        if not inputs:
            print(f"Демонстрационные данные не найдены в {SAMPLE_DIR}", file=sys.stderr)
            return 1
    elif args.manifest is not None:
        if not args.manifest.is_file():
            print(f"Файл {args.manifest} не найден", file=sys.stderr)
            return 1
        inputs = sample_inputs(args.manifest.parent, args.manifest.name)
    elif args.files or args.reference:
        inputs = _inputs(args.files, _options(args), args.reference)
    else:
        print("Укажите файлы для загрузки, --sample или --manifest", file=sys.stderr)
        return 2
    with open_store(args.db) as store:
        if args.if_empty and (held := count_imports(store)):
            if not args.quiet:
                print(f"В базе {args.db} уже есть загруженные файлы ({held}): ничего не загружено")
            return 0
        if not (
            args.sample or args.manifest
        ):  # a manifest states every fact; files start from their last import
            inputs = with_earlier_facts(store, inputs)
        report = import_batch(store, inputs)
    if args.quiet:
        for line in _errors(report):
            print(line, file=sys.stderr)
    else:
        _print(report, args.json)
    return 0 if report.ok else 1


def _generate(rest: Sequence[str]) -> int:
    from loaders.synthetic import main as generate

    return generate([a for a in rest if a != "--"])


def _scenario(args: argparse.Namespace) -> int:
    from loaders.scenario_file import comparison_text, other_scenario, run_scenario_file
    from loaders.store import open_store

    # Opening a missing path would create an empty store and report that nothing changes.
    if not args.db.exists():
        print(f"База не найдена: {args.db}", file=sys.stderr)
        return 2
    with open_store(args.db) as store:
        against = None
        if args.against is not None:
            against = other_scenario(store, args.against)
            if against is None:
                message = "нет ни такого файла, ни сохранённого сценария с таким идентификатором"
                print(f"Сценарий для сравнения не найден: {args.against} — {message}", file=sys.stderr)
                return 2
        result = run_scenario_file(store, args.file, against=against)
    print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else comparison_text(result))
    return 0 if result["ok"] else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["generate"]:
        return _generate(argv[1:])
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check(args)
    if args.command == "scenario":
        return _scenario(args)
    return _import(args)


if __name__ == "__main__":
    sys.exit(main())
