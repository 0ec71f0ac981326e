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


def _code_on(index: ActorIndex, name: str, day: str | None = None) -> str:
    import datetime as dt

    entry = index.lookup(name)
    assert entry is not None, name
    actor, _, _ = index.entry_actor(entry, dt.date.fromisoformat(day) if day else None)
    return actor.code


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        # heads of state and government, foreign and defence ministers, by date
        ("Sanna Marin", "2021-06-01", "FINGOV"),
        ("Ingrida Šimonytė", "2022-03-01", "LTUGOV"),
        ("Janez Jansa", "2021-05-01", "SVNGOV"),
        ("Evika Silina", "2025-01-10", "LVAGOV"),
        ("Kiril Petkov", "2022-04-01", "BGRGOV"),
        ("Ludovic Orban", "2020-05-01", "ROUGOV"),
        ("Najla Bouden", "2022-02-01", "TUNGOV"),
        ("Nasser Bourita", "2024-01-01", "MARGOV"),
        ("Mustafa al-Kadhimi", "2021-01-01", "IRQGOV"),
        ("Emomali Rahmon", "2024-09-01", "TJKGOV"),
        ("Sadyr Japarov", "2024-09-01", "KGZGOV"),
        ("Pushpa Kamal Dahal", "2023-06-01", "NPLGOV"),
        ("Hun Manet", "2025-02-01", "KHMGOV"),
        ("Nayib Bukele", "2024-02-01", "SLVGOV"),
        ("Ariel Henry", "2023-01-01", "HTIGOV"),
        ("Mahamat Idriss Deby", "2023-01-01", "TCDGOV"),
        ("Judith Suminwa", "2025-03-01", "CODGOV"),
        # armed-group leaders and IGO heads
        ("Abu Bakr al-Baghdadi", "2018-01-01", "IMGREB"),
        ("Corneille Nangaa", "2025-02-01", "CODREB"),
        ("Ngozi Okonjo-Iweala", "2024-01-01", "IGOWTO"),
        ("Roberta Metsola", "2024-01-01", "IGOEU"),
        # one person, several offices
        ("Sophie Wilmes", "2020-03-01", "BELGOV"),
        ("Hadja Lahbib", "2025-03-01", "IGOEU"),
    ],
)
def test_actors_data_people_by_class(name: str, day: str, code: str) -> None:
    assert _code_on(ActorIndex.load(), name, day) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Allied Democratic Forces", "CODREB"),
        ("National Liberation Army", "COLREB"),
        ("Kachin Independence Army", "MMRREB"),
        ("TNLA", "MMRREB"),
        ("Balochistan Liberation Army", "PAKREB"),
        ("Viv Ansanm", "HTICRM"),
        ("Jalisco New Generation Cartel", "MEXCRM"),
        ("Islamic State Khorasan Province", "IMGREB"),
        ("OCHA", "IGOUNO"),
        ("East African Community", "IGOEAC"),
        ("Alliance of Sahel States", "IGOAES"),
        ("World Central Kitchen", "NGOWCK"),
    ],
)
def test_actors_data_organisations_by_class(name: str, code: str) -> None:
    assert _code_on(ActorIndex.load(), name) == code


def test_actors_data_short_abbreviations_are_case_sensitive() -> None:
    index = ActorIndex.load()
    assert index.lookup("ELN") is not None
    for word in ("eln", "adf", "ice", "bla"):
        assert index.lookup(word) is None, word
