"""The documentation shipped in docs/ says what the code does (the shared spec is not shipped).

docs/decisions.md names exactly the engine's concerns, subjects, choice ids and dependencies;
docs/workload.md names every field of the workload format and every allowed value.
"""
from __future__ import annotations

import re

from archadvisor.rules import concerns
from archadvisor.workload import schema as s
from conftest import DOCS, ROOT

SUBJECTS = {"none": "null", "store": "store", "channel": "channel", "service": "service name", "tier": "null or tier"}


def _rows(text: str, header: str) -> dict[str, list[str]]:
    """First cell (a `code` id) -> the other cells, of the table under ``header``."""
    section = text.split(header, 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"^\|\s*`([a-z0-9-]+)`\s*\|(.*)\|\s*$", line)
        if match:
            rows[match.group(1)] = [cell.strip() for cell in match.group(2).split("|")]
    return rows


def test_the_concern_table_is_the_engines_vocabulary():
    table = _rows((DOCS / "decisions.md").read_text(), "## Concerns and their choice ids")
    engine = {c.id: c for c in concerns()}
    assert list(table) == list(engine), "concerns differ or are out of the engine's order"
    for concern_id, (subject, choices) in table.items():
        assert subject == SUBJECTS[engine[concern_id].subject_kind], concern_id
        assert re.findall(r"`([a-z0-9-]+)`", choices) == list(engine[concern_id].choices), concern_id


def test_the_dependency_table_is_what_each_concern_declares():
    table = _rows((DOCS / "decisions.md").read_text(), "## Order: what each concern reads of the others")
    declared = {c.id: list(c.depends_on) for c in concerns() if c.depends_on}
    assert {key: re.findall(r"`([a-z0-9-]+)`", cells[0]) for key, cells in table.items()} == declared


def _leaves(prefix: str, node: s.Field):
    for key, child in node.fields.items():
        path = f"{prefix}{key}"
        if child.kind in (s.SECTION, s.SECTION_LIST):
            yield from _leaves(path + ".", child)
        else:
            yield path, child


def _first_cells(text: str, header: str) -> dict[str, str]:
    """Row text by the first cell, of the tables in the section under ``header``."""
    section = text.split(header, 1)[1].split("\n## ", 1)[0] if header in text else ""
    return {line.split("|")[1]: line for line in section.splitlines()
            if line.startswith("|") and line.count("|") > 2}


def test_every_field_and_value_of_the_format_is_documented():
    text = (DOCS / "workload.md").read_text()
    missing = []
    for path, field in _leaves("", s.WORKLOAD):
        rows = _first_cells(text, f"## `{path.split('.')[0]}`" if "." in path else "## Top level")
        # hybrid fields are documented as link.bandwidth, storage.protocol, ...; others by their last name
        name = path.split(".", 1)[1] if path.startswith("hybrid.") else path.rsplit(".", 1)[-1]
        row = next((line for first, line in rows.items() if f"`{name}`" in first), None)
        if row is None:
            missing.append(path)
            continue
        missing += [f"{path}={choice}" for choice in field.choices if f"`{choice}`" not in row]
    assert not missing, f"not in docs/workload.md: {missing}"


def test_the_readme_points_at_the_documents_in_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert "docs/workload.md" in readme and "docs/decisions.md" in readme
    assert "spec/workload.md" not in readme and "spec/decisions.md" not in readme
