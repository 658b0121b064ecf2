"""`archadvisor gallery`: every workload rendered in parallel, with an index page."""
import shutil

from archadvisor.cli import main
from conftest import ROOT


def test_gallery_renders_each_workload_and_links_it(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("serverless-rest-api", "hybrid-file-share"):
        shutil.copy(ROOT / "blueprints" / f"{name}.yaml", folder)
    out = tmp_path / "out"
    assert main(["gallery", str(folder), "-o", str(out), "--jobs", "2"]) == 0
    index = (out / "index.html").read_text()
    for name in ("serverless-rest-api", "hybrid-file-share"):
        assert (out / name / "report.html").exists() and (out / name / "diagram.png").exists()
        assert f'href="{name}/report.html"' in index and f'src="{name}/diagram.png"' in index
    captured = capsys.readouterr()
    assert "[2/2]" in captured.err and "2 rendered, 0 failed" in captured.out


def test_gallery_reports_a_bad_workload_and_renders_the_rest(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "blueprints" / "serverless-rest-api.yaml", folder)
    (folder / "broken.yaml").write_text("name: broken\navailability:\n  rto: soon\n")
    out = tmp_path / "out"
    assert main(["gallery", str(folder), "-o", str(out)]) == 2
    index = (out / "index.html").read_text()
    assert "broken.yaml" in index and "is not a duration" in index
    assert (out / "serverless-rest-api" / "report.html").exists()
    assert not (out / "broken").exists()


def test_gallery_needs_a_folder(tmp_path, capsys):
    assert main(["gallery", str(tmp_path / "missing")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_two_workloads_with_one_name_do_not_race(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "blueprints" / "serverless-rest-api.yaml", folder / "a.yaml")
    shutil.copy(ROOT / "blueprints" / "serverless-rest-api.yaml", folder / "b.yaml")
    out = tmp_path / "out"
    assert main(["gallery", str(folder), "-o", str(out)]) == 2
    index = (out / "index.html").read_text()
    assert "already used by" in index and index.count('href="serverless-rest-api/report.html"') == 1
