"""What archadvisor keeps between runs: never stale, never required."""
from __future__ import annotations

import json
import os

import pytest

from archadvisor import cache
from archadvisor.knowledge import CATALOGUE, _services, _yaml, load_catalogue


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("ARCHADVISOR_NO_CACHE", raising=False)
    return tmp_path


def counting(calls):
    def parse(text):
        calls.append(text)
        return {"lines": text.splitlines()}
    return parse


def test_a_parse_is_kept_and_reused(home):
    source = home / "data.yaml"
    source.write_text("a\nb\n")
    calls = []
    assert cache.cached_json(source, "k", counting(calls)) == {"lines": ["a", "b"]}
    assert cache.cached_json(source, "k", counting(calls)) == {"lines": ["a", "b"]}
    assert len(calls) == 1
    assert (home / "cache" / "archadvisor" / "k" / cache.entry_name(source)).exists()


def test_two_sources_of_one_name_keep_an_entry_each(home):
    """Two checkouts each have a catalogue.yaml: alternating runs must not parse again every time."""
    first, second = home / "one" / "data.yaml", home / "two" / "data.yaml"
    for source, text in ((first, "a\n"), (second, "b\n")):
        source.parent.mkdir()
        source.write_text(text)
    calls = []
    for _ in range(3):
        assert cache.cached_json(first, "k", counting(calls)) == {"lines": ["a"]}
        assert cache.cached_json(second, "k", counting(calls)) == {"lines": ["b"]}
    assert len(calls) == 2


def test_a_changed_source_is_parsed_again(home):
    source = home / "data.yaml"
    source.write_text("a\n")
    calls = []
    cache.cached_json(source, "k", counting(calls))
    source.write_text("a\nchanged\n")
    os.utime(source, ns=(1, 1))  # even an older modification time counts as a change
    assert cache.cached_json(source, "k", counting(calls)) == {"lines": ["a", "changed"]}
    assert len(calls) == 2


@pytest.mark.parametrize("garbage", ["not json", "[1, 2]", '{"key": "other", "value": 1}', ""])
def test_a_damaged_entry_is_ignored_and_replaced(home, garbage):
    source = home / "data.yaml"
    source.write_text("a\n")
    entry = home / "cache" / "archadvisor" / "k" / cache.entry_name(home / "data.yaml")
    entry.parent.mkdir(parents=True)
    entry.write_text(garbage)
    calls = []
    assert cache.cached_json(source, "k", counting(calls)) == {"lines": ["a"]}
    assert calls and json.loads(entry.read_text())["value"] == {"lines": ["a"]}


def test_no_cache_when_turned_off_or_impossible(home, monkeypatch):
    source = home / "data.yaml"
    source.write_text("a\n")
    monkeypatch.setenv("ARCHADVISOR_NO_CACHE", "1")
    calls = []
    cache.cached_json(source, "k", counting(calls))
    cache.cached_json(source, "k", counting(calls))
    assert len(calls) == 2 and not (home / "cache").exists()
    monkeypatch.delenv("ARCHADVISOR_NO_CACHE")
    (home / "blocked").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "blocked"))  # a file where the folder would go
    assert cache.cache_dir("k") is None
    assert cache.cached_json(source, "k", counting(calls)) == {"lines": ["a"]}


def test_an_entry_that_cannot_be_written_leaves_nothing_behind(home, monkeypatch):
    source = home / "data.yaml"
    source.write_text("a\n")
    real = type(source).write_text

    def refuse(self, *args, **kwargs):
        if "cache" in str(self):
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(source), "write_text", refuse)
    assert cache.cached_json(source, "k", counting([])) == {"lines": ["a"]}
    assert list((home / "cache" / "archadvisor" / "k").iterdir()) == []


def test_the_cached_catalogue_is_the_catalogue(home):
    load_catalogue.cache_clear()
    try:
        first = load_catalogue()  # parses the YAML and keeps it
        load_catalogue.cache_clear()
        again = load_catalogue()  # reads the kept JSON
    finally:
        load_catalogue.cache_clear()
    assert (home / "cache" / "archadvisor" / "knowledge" / cache.entry_name(CATALOGUE)).exists()
    assert first == again == _services(_yaml(CATALOGUE.read_text(encoding="utf-8")))


def test_a_relative_cache_home_is_ignored_as_the_xdg_spec_says(home, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir("k") == tmp_path / "home" / ".cache" / "archadvisor" / "k"
    assert not (tmp_path / "relative").exists()


def test_lookups_are_kept_and_only_new_items_looked_up(home):
    calls = []

    def look_up(item):
        calls.append(item)
        return item.upper()

    assert cache.cached_lookups("k", "names", "v1", ["a", "b"], look_up) == {"a": "A", "b": "B"}
    assert cache.cached_lookups("k", "names", "v1", ["b", "c"], look_up) == {"b": "B", "c": "C"}
    assert calls == ["a", "b", "c"]  # b was kept
    assert json.loads((home / "cache" / "archadvisor" / "k" / "names.json").read_text())["value"] == {
        "a": "A", "b": "B", "c": "C"}
    assert cache.cached_lookups("k", "names", "v2", ["a"], look_up) == {"a": "A"}  # a new key starts afresh
    assert calls == ["a", "b", "c", "a"]


@pytest.mark.parametrize("garbage", ["not json", "[1, 2]", '{"key": "v1"}', '{"key": "v1", "value": [1]}'])
def test_a_damaged_lookup_entry_is_ignored_and_replaced(home, garbage):
    entry = home / "cache" / "archadvisor" / "k" / "names.json"
    entry.parent.mkdir(parents=True)
    entry.write_text(garbage)
    assert cache.cached_lookups("k", "names", "v1", ["a"], str.upper) == {"a": "A"}
    assert json.loads(entry.read_text()) == {"key": "v1", "value": {"a": "A"}}


def test_a_failed_lookup_keeps_nothing(home):
    def look_up(item):
        raise LookupError(item)

    with pytest.raises(LookupError):
        cache.cached_lookups("k", "names", "v1", ["a"], look_up)
    assert not (home / "cache" / "archadvisor" / "k" / "names.json").exists()


def test_icons_are_found_once_then_read_from_the_cache(home, monkeypatch):
    from archadvisor.render import diagram

    monkeypatch.setattr(diagram, "_ICON_FILES", {})
    paths = ["diagrams.aws.database.Aurora", "diagrams.aws.network.NATGateway"]
    found = diagram._icon_files(paths)
    assert found == {"diagrams.aws.database.Aurora": "resources/aws/database/aurora.png",
                     "diagrams.aws.network.NATGateway": "resources/aws/network/nat-gateway.png"}
    monkeypatch.setattr(diagram, "_ICON_FILES", {})  # a new run: nothing known in the process

    def no_import(path):
        raise AssertionError(f"{path} was imported again")

    monkeypatch.setattr(diagram, "_icon_class", no_import)
    assert diagram._icon_files(paths) == found
