"""The reports keep their structure whatever the user's text holds; user templates run sandboxed (issue 17)."""
from __future__ import annotations

import re

import pytest
import yaml

from archadvisor.cli import main
from archadvisor.pipeline import design_document, write_design
from archadvisor.render.report import markdown_code, markdown_text
from conftest import ROOT, workload_from

RICH = ROOT / "blueprints" / "three-tier-web.yaml"

HOSTILE = [
    "```python\nimport os\n",
    "~~~\nfenced",
    "# Injected heading\n## another",
    "[click](https://evil.example/x) and <https://evil.example>",
    "![tracker](https://evil.example/pixel.png)",
    "visit www.evil.example or https://evil.example or mail me@evil.example",
    "a | b | c\r| d",
    "line\rbreak\r\nagain\n\nparagraph\ttab",
    "<script>alert(1)</script> &amp; &#x3C;",
    "1. ordered\n- bullet\n> quote\n    indented code",
    "**bold** _em_ `code` \\ backslash",
    "---\n===",
]


def _report(tmp_path, description: str) -> str:
    data = yaml.safe_load(RICH.read_text())
    data["description"] = description
    workload = workload_from(data, "hostile.yaml")
    folder = write_design(workload, design_document(workload), tmp_path, formats=())
    return (folder / "report.md").read_text()


UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _structure(markdown: str) -> list[str]:
    """What makes the report's shape: headings, fences, table rows' cell counts, images and links."""
    shape = []
    for line in markdown.splitlines():
        if line.startswith("#") or line.startswith("```") or line.startswith("~~~"):
            shape.append(line.split(" ", 1)[0] + (" " + line.split(" ", 1)[1][:30] if " " in line else ""))
        elif line.startswith("|"):
            shape.append(f"row of {len(UNESCAPED_PIPE.findall(line))}")
    return shape


@pytest.mark.parametrize("description", HOSTILE)
def test_a_hostile_description_keeps_the_report_structure(tmp_path, description):
    plain = _report(tmp_path / "plain", "A plain description.")
    hostile = _report(tmp_path / "hostile", description)
    assert _structure(hostile) == _structure(plain)
    assert "](https://evil" not in hostile and "<https://evil" not in hostile
    assert "\r" not in hostile and "<script>" not in hostile
    lines = hostile.splitlines()
    description_line = lines[lines.index("# Design review: three-tier-web") + 2]
    assert not re.match(r"^(\s{4}|[0-9]+[.)] |[-+*>] |#|```|~~~|---|===)", description_line), description_line


def test_markdown_text_escapes_every_kind_of_markup():
    assert markdown_text("```x") == "\\`\\`\\`x"
    assert markdown_text("[a](b)") == "\\[a\\]\\(b\\)"
    assert markdown_text("![i](u)").startswith("\\!\\[")
    assert markdown_text("a|b\rc\nd") == "a\\|b c d"
    assert markdown_text("see www.x.org, https://x.org, a@x.org") == \
        "see www\\.x.org, https\\:\\/\\/x.org, a\\@x.org"
    assert markdown_text("1. x") == "1\\. x"
    assert markdown_text("<b>&") == "&lt;b&gt;&amp;"


def test_code_spans_hold_any_backticks_and_pipes():
    assert markdown_code("data[orders].size") == "`data[orders].size`"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x`") == "`` `x` ``"
    assert markdown_code("a|b") == "`a\\|b`"


# -- --template-dir: sandboxed, errors reported as template errors ----------------
@pytest.mark.parametrize("source, words", [
    ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    ("{{ cycler.__init__.__globals__.os }}", "unsafe"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "RecursionError"),
    # Not constants (Jinja2 would fold those at compile time), and small enough to be harmless were the
    # sandbox gone: 14 million characters, a 2,000-digit number.
    ("{{ doc.workload * 1000000 }}", "that large"),
    ("{{ (decisions | length) ** 1001 }}", "too large"),
    ("ok\n{{ doc.decisions[0].nope.deeper }}", "nope"),
])
def test_template_errors_are_reported_as_such(tmp_path, capsys, source, words):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text(source + "\n")
    out = tmp_path / "out"
    assert main(["design", str(RICH), "-o", str(out), "--template-dir", str(templates), "--no-diagram"]) == 2
    err = capsys.readouterr().err
    assert "report template error" in err and words in err, err
    assert "internal error" not in err and "Traceback" not in err
    assert not out.exists()


def test_a_runtime_error_names_the_template_line(tmp_path, capsys):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text("# {{ doc.workload }}\n\n{{ 1 / 0 }}\n")
    assert main(["design", str(RICH), "-o", str(tmp_path / "out"), "--template-dir", str(templates),
                 "--no-diagram"]) == 2
    assert "report template error (line 3)" in capsys.readouterr().err


def test_the_environment_is_sandboxed():
    from jinja2.sandbox import SandboxedEnvironment

    from archadvisor.render.report import _environment

    assert isinstance(_environment(None, False), SandboxedEnvironment)


def test_code_compiled_without_the_sandbox_is_never_reused(tmp_path, monkeypatch, capsys):
    """An older version's cache holds the same template compiled unsandboxed: it must not be used."""
    import jinja2

    from archadvisor.cache import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.md.j2").write_text("{{ doc.workload * 1000000 }}\n")  # see above: not a constant
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader([str(templates)]),
                               bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache_dir("templates"))))
    plain.get_template("report.md.j2")  # compiled and cached, not rendered
    assert list(cache_dir("templates").iterdir())
    assert main(["design", str(RICH), "-o", str(tmp_path / "out"), "--template-dir", str(templates),
                 "--no-diagram"]) == 2
    assert "that large" in capsys.readouterr().err
