"""The synthetic country: one seed, the same files; every row loads; the presets have the sizes asked."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from loaders.__main__ import main as roadmaps
from loaders.importer import FileInput, FileResult, load_batch, options_of, sample_inputs
from loaders.synthetic import (
    GenerateSummary,
    academic_years,
    generate,
    region_genitive,
    write_large_roadmap,
)


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerateSummary]:
    folder = tmp_path_factory.mktemp("region")
    return folder, generate(folder, scale="region", years=2, seed=11)


@pytest.fixture(scope="module")
def loaded(region: tuple[Path, GenerateSummary]) -> list[FileResult]:
    folder, _ = region
    return load_batch(sample_inputs(folder))


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path, region: tuple[Path, GenerateSummary]) -> None:
    folder, _ = region
    again = generate(tmp_path / "again", scale="region", years=2, seed=11)
    assert _digests(again.out_dir) == _digests(folder)


def test_writing_regions_in_parallel_changes_no_byte(tmp_path: Path) -> None:
    one = generate(tmp_path / "one", scale="federal-district", years=1, seed=5)
    two = generate(tmp_path / "two", scale="federal-district", years=1, seed=5, jobs=2)
    assert _digests(one.out_dir) == _digests(two.out_dir)


def test_another_seed_draws_another_region(tmp_path: Path, region: tuple[Path, GenerateSummary]) -> None:
    folder, _ = region
    other = generate(tmp_path / "other", scale="region", years=2, seed=12)
    assert _digests(other.out_dir) != _digests(folder)


def test_the_manifest_lists_every_file_reference_workbooks_first(
    region: tuple[Path, GenerateSummary],
) -> None:
    folder, summary = region
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = [entry["file"] for entry in manifest["files"]]
    written = sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.name != "manifest.json" and p.is_file()
    )
    assert sorted(listed) == written
    assert len(listed) == sum(summary.files.values())
    assert manifest["files"][0]["kind"] == "reference"


def test_every_row_of_every_generated_file_is_accounted_for(loaded: list[FileResult]) -> None:
    for result in loaded:
        for table in result.report.tables:
            counted = table.header_rows + len(table.ignored) + len(table.rejected)
            counted += table.activities + table.sections if table.kind == "roadmap" else table.loaded
            assert (result.report.file, table.sheet, counted) == (
                result.report.file,
                table.sheet,
                table.rows_read,
            )


def test_no_generated_row_is_rejected_and_no_file_has_an_error(loaded: list[FileResult]) -> None:
    rejected = [(r.report.file, t.sheet, x.row) for r in loaded for t in r.report.tables for x in t.rejected]
    errors = [
        (r.report.file, i.message) for r in loaded for i in r.report.issues if str(i.severity) == "error"
    ]
    assert (rejected, errors) == ([], [])


def test_every_executor_the_generated_roadmaps_name_is_resolved(loaded: list[FileResult]) -> None:
    tables = [t for r in loaded for t in r.report.tables if t.kind == "roadmap"]
    assert sum(t.unresolved for t in tables) == 0
    assert sum(t.resolved for t in tables) > sum(t.activities for t in tables)


def test_every_activity_the_summary_counts_is_loaded(
    region: tuple[Path, GenerateSummary], loaded: list[FileResult]
) -> None:
    _, summary = region
    activities = sum(t.activities for r in loaded for t in r.report.tables if t.kind == "roadmap")
    assert activities == sum(year["activities"] for year in summary.per_year.values())


def test_every_progress_report_finds_its_activity(
    region: tuple[Path, GenerateSummary], loaded: list[FileResult]
) -> None:
    _, summary = region
    bound = sum(len(r.progress) for r in loaded if r.reference)
    assert bound == summary.reference_rows["Ход выполнения"]
    assert not [
        i for r in loaded for i in r.report.issues if i.code in ("unknown-activity", "ambiguous-document")
    ]


@pytest.mark.parametrize(
    ("scale", "regions", "municipalities", "listed", "activities"),
    [
        ("region", (1, 1), (24, 28), (38, 42), (2_000, 3_200)),
        ("federal-district", (8, 8), (150, 260), (180, 360), (12_000, 24_000)),
        ("national", (89, 89), (2_100, 2_500), (2_800, 3_200), (180_000, 220_000)),
    ],
)
def test_a_preset_draws_the_country_of_its_size(
    scale: str,
    regions: tuple[int, int],
    municipalities: tuple[int, int],
    listed: tuple[int, int],
    activities: tuple[int, int],
    tmp_path: Path,
) -> None:
    summary = generate(tmp_path, scale=scale, years=1, seed=1, dry_run=True)
    year = summary.per_year[2024]
    assert regions[0] <= summary.regions <= regions[1]
    assert municipalities[0] <= summary.municipalities <= municipalities[1]
    assert listed[0] <= year["schools_listed"] <= listed[1]
    assert activities[0] <= year["activities"] <= activities[1]
    assert year["schools_at_risk"] > 0
    assert not list(tmp_path.iterdir())


def test_the_lists_change_between_years_and_the_second_tier_starts_in_2024(tmp_path: Path) -> None:
    summary = generate(tmp_path, scale="federal-district", years=3, seed=2, dry_run=True)
    years = summary.per_year
    assert list(years) == [2022, 2023, 2024]
    assert [years[y]["schools_at_risk"] == 0 for y in years] == [True, True, False]


def test_the_lists_keep_some_schools_drop_some_and_take_new_ones(
    region: tuple[Path, GenerateSummary],
) -> None:
    folder, _ = region
    reference = next(folder.rglob("*reference.xlsx"))
    from loaders.read import read_tables

    rows = next(t.rows for t in read_tables(reference).tables if t.sheet == "Списки ШНОР")
    by_year: dict[str, set[str]] = {}
    for row in rows[1:]:
        if row.cells[2] == "ШНОР":
            by_year.setdefault(row.cells[1], set()).add(row.cells[0])
    first, second = by_year["2023/2024"], by_year["2024/2025"]
    assert first & second and first - second and second - first


def test_municipal_roadmaps_come_as_workbooks_csv_and_word_orders(tmp_path: Path) -> None:
    summary = generate(tmp_path, scale="federal-district", years=1, seed=1, dry_run=True)
    assert {k for k in summary.files if k.startswith("municipality:")} == {
        "municipality:xlsx",
        "municipality:csv",
        "municipality:docx",
    }


def test_the_large_roadmap_loads_every_activity(tmp_path: Path) -> None:
    entry = write_large_roadmap(tmp_path / "large.xlsx", rows=300, seed=3)
    [result] = load_batch([FileInput(tmp_path / entry["file"], options_of(entry))])
    [table] = [t for t in result.report.tables if t.kind == "roadmap"]
    assert (table.activities, table.sections, table.rejected, table.unresolved) == (300, 6, [], 0)


def test_roadmaps_generate_writes_a_region_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli"
    assert roadmaps(["generate", "--scale", "region", "--seed", "4", "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["scale"] == "region"
    assert (out / "manifest.json").is_file()


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Вологодская область", "Вологодской области"),
        ("Республика Саха (Якутия)", "Республики Саха (Якутия)"),
        ("Ханты-Мансийский автономный округ – Югра", "Ханты-Мансийского автономного округа – Югры"),
        ("Чувашская Республика", "Чувашской Республики"),
        ("город Санкт-Петербург", "города Санкт-Петербурга"),
    ],
)
def test_a_region_is_named_in_the_genitive_after_its_ministry(name: str, genitive: str) -> None:
    assert region_genitive(name) == genitive


def test_a_history_of_five_years_ends_with_the_latest_academic_year() -> None:
    assert academic_years(5) == (2020, 2021, 2022, 2023, 2024)
