"""Actor data files: loading, validation errors that name file and line, patterns."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from casus.actors import ActorIndex
from casus.errors import ConfigError

_FILES = ("countries.tsv", "organisations.tsv", "people.tsv", "sectors.yaml")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    src = resources.files("casus").joinpath("data")
    for name in _FILES:
        shutil.copyfile(str(src.joinpath(name)), tmp_path / name)
    return tmp_path


def _append(path: Path, line: str) -> int:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_actors_data_loads_with_version() -> None:
    index = ActorIndex.load()
    assert index.version
    assert len(index.countries) >= 249
    assert len(index.people) >= 60


def test_actors_data_copy_loads(data_copy: Path) -> None:
    assert ActorIndex.load(data_copy).version == ActorIndex.load().version


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("people.tsv", "Jane Roe\tXXXGOV\tpresident\t2020-01-01\t", "unknown country code"),
        ("people.tsv", "Jane Roe\tFRAZZZ\tpresident\t2020-01-01\t", "unknown sector"),
        ("people.tsv", "Jane Roe\tFRAGOV\tpresident\t2020-13-01\t", "bad date"),
        ("people.tsv", "Jane Roe\tFRAGOV\tpresident\t2021-01-01\t2020-01-01", "ends"),
        ("people.tsv", "Jane Roe\tFRAGOV", "columns"),
        ("people.tsv", "Vladimir Putin\tRUSGOV\tpresident\t2000-05-07\t2008-05-07", "duplicate"),
        ("organisations.tsv", "IGOXYZ\tSome Body\tIsrael", "already means"),
        ("countries.tsv", "QQQ\tNowhere", "unknown ISO3"),
        ("countries.tsv", "FRA\twho", "ordinary English word"),
    ],
)
def test_actors_data_errors_name_file_and_line(
    data_copy: Path, name: str, line: str, message: str
) -> None:
    n = _append(data_copy / name, line)
    with pytest.raises(ConfigError) as err:
        ActorIndex.load(data_copy)
    text = str(err.value)
    assert message in text
    assert f"{name}:{n}" in text


def test_actors_data_yaml_errors_are_config_errors(data_copy: Path) -> None:
    (data_copy / "sectors.yaml").write_text("version: 1\nsectors: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sectors\.yaml"):
        ActorIndex.load(data_copy)


def test_actors_data_missing_version_header(data_copy: Path) -> None:
    path = data_copy / "people.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("# version:", "# v:"), "utf-8")
    with pytest.raises(ConfigError, match="version"):
        ActorIndex.load(data_copy)


def test_actors_entity_patterns_labels_and_case() -> None:
    patterns = set(ActorIndex.load().entity_patterns())
    assert ("GPE", "Iran", False) in patterns
    assert ("NORP", "Iranian", False) in patterns
    assert ("ORG", "Kremlin", False) in patterns
    assert ("ORG", "NATO", False) in patterns
    assert ("PERSON", "Masoud Pezeshkian", False) in patterns
    assert ("GPE", "US", True) in patterns
    assert ("GPE", "us", False) not in patterns
    assert ("GPE", "Chad", True) in patterns
    assert ("GPE", "Chad", False) not in patterns


def test_actors_every_g20_and_unsc_country_has_leaders() -> None:
    index = ActorIndex.load()
    countries = {o.actor.country for p in index.people.values() for o in p.offices}
    for iso3 in [
        "USA",
        "RUS",
        "CHN",
        "GBR",
        "FRA",
        "DEU",
        "JPN",
        "IND",
        "BRA",
        "CAN",
        "ITA",
        "AUS",
        "KOR",
        "MEX",
        "IDN",
        "TUR",
        "SAU",
        "ARG",
        "ZAF",
        "ISR",
        "IRN",
        "UKR",
        "EGY",
        "QAT",
        "ARE",
        "PAK",
        "NGA",
    ]:
        assert iso3 in countries, iso3
