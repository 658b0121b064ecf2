"""Shared test helpers: locate the scenario checks and evaluate workloads given as plain data.

The team's scenario checks live in tests/scenarios/ and always run. The shared folder (../shared,
or ARCHADVISOR_SHARED) is not shipped: tests that read it skip, saying so, when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from archadvisor.engine import document, run
from archadvisor.workload import parse_text

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ARCHADVISOR_SHARED", ROOT.parent / "shared"))
SHARED_SCENARIOS = SHARED / "scenarios"
REPO_SCENARIOS = ROOT / "tests" / "scenarios"
DOCS = ROOT / "docs"
SHARED_MISSING = (f"the shared folder is not at {SHARED} (a fresh clone has none): the checks against its "
                  "copies are skipped; set ARCHADVISOR_SHARED to run them")


def scenario_files(include_shared: bool = True) -> list[Path]:
    """The scenario checks kept in the repository, then the shared copies when the shared folder is present."""
    found = sorted(REPO_SCENARIOS.glob("*.yaml"))
    if include_shared and SHARED_SCENARIOS.is_dir():
        found += sorted(SHARED_SCENARIOS.glob("*.yaml"))
    return found


def workload_from(data: dict, filename: str = "<test>"):
    data = dict(data)
    data.setdefault("name", "test-case")
    return parse_text(yaml.safe_dump(data, sort_keys=False), filename)


def advise(data: dict) -> dict:
    """Decisions document for a workload given as a dict."""
    workload = workload_from(data)
    return document(workload, run(workload))


def decision(doc: dict, concern: str, subject: str | None = None) -> dict:
    found = [d for d in doc["decisions"] if d["concern"] == concern and d["subject"] == subject]
    assert len(found) == 1, f"expected one {concern}/{subject} decision, got {len(found)}: " + \
        ", ".join(f"{d['concern']}/{d['subject']}={d['choice']}" for d in doc["decisions"])
    return found[0]


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(SHARED_MISSING)
    return SHARED


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Compiled report templates go to a cache of the test session's own, never the user's ~/.cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


def problems(text: str) -> list:
    """Every problem the loader reports for a workload text (it must refuse it)."""
    import pytest
    from archadvisor.workload import WorkloadError, parse_text

    with pytest.raises(WorkloadError) as info:
        parse_text(text, "w.yaml")
    return info.value.problems


def one(text: str):
    """The one problem the loader reports for a workload text."""
    found = problems(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]
