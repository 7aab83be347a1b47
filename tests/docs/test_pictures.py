"""The README's pipeline picture: drawn from its source by `make picture`, committed current, legible in a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.kpt import ROOT

PICTURE = ROOT / "scripts" / "picture"
SOURCE = ROOT / "docs" / "images" / "pipeline.toml"
SVG = ROOT / "docs" / "images" / "pipeline.svg"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SVG_NS = "{http://www.w3.org/2000/svg}"


def picture(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PICTURE), *args], capture_output=True, text=True)


def test_the_committed_svg_is_what_its_source_draws():
    done = picture("--check")
    assert done.returncode == 0, done.stderr


def test_the_check_fails_when_the_source_changed(tmp_path):
    source = tmp_path / "pipeline.toml"
    source.write_text(SOURCE.read_text().replace('"TMF921 Intent"', '"TMF921 intent"'))
    shutil.copy(SVG, tmp_path / "pipeline.svg")
    done = picture("--check", str(source))
    assert done.returncode == 1 and "pipeline.svg is not what pipeline.toml gives" in done.stderr
    assert picture(str(source)).returncode == 0
    assert picture("--check", str(source)).returncode == 0


def test_an_edge_through_another_node_is_refused(tmp_path):
    source = tmp_path / "bad.toml"
    source.write_text(
        SOURCE.read_text() + '\n[[edge]]\nfrom = "tmf921"\nto = "pr"\nlabel = "skips a stage"\nstyle = "render"\n'
    )
    done = picture(str(source))
    assert done.returncode == 1 and "edge tmf921 -> pr runs through ts28312" in done.stderr
    assert not (tmp_path / "bad.svg").exists()


def test_the_picture_names_every_function_and_says_what_it_shows():
    root = ET.fromstring(SVG.read_text())
    texts = {t.text for t in root.iter(f"{SVG_NS}text")}
    assert {"intent-to-28312", "28312-to-pr", "pr-to-workloads", "slo-gate-validator", "measurement-collector"} <= texts
    assert root.find(f"{SVG_NS}title").text and root.find(f"{SVG_NS}desc").text  # read out by screen readers


def test_the_readme_shows_the_picture_on_its_first_screen():
    first_screen = ROOT.joinpath("README.md").read_text().splitlines()[:20]
    assert any("docs/images/pipeline.svg" in line for line in first_screen)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")
def test_in_a_browser_every_text_fits_its_box_and_nothing_overlaps(tmp_path):
    """The generator sizes boxes from character counts; a real browser measures the text it draws."""
    page = tmp_path / "picture.html"
    page.write_text(
        "<!doctype html><html><body style='margin:0'>" + SVG.read_text() + "<pre id='out'>pending</pre><script>"
        "const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };"
        "const texts = [...document.querySelectorAll('svg text')].map(t => ({text: t.textContent, box: box(t),"
        " node: t.closest('g.node') ? t.closest('g.node').id : null}));"
        "const nodes = [...document.querySelectorAll('g.node > rect')].map(r => ({id: r.parentNode.id, box: box(r)}));"
        "const svg = box(document.querySelector('svg'));"
        "document.getElementById('out').textContent = JSON.stringify({texts, nodes, svg});"
        "</script></body></html>"
    )
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    [found] = re.findall(r"<pre id=\"out\">(.*?)</pre>", done.stdout, re.S)
    layout = json.loads(found.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    nodes = {n["id"]: n["box"] for n in layout["nodes"]}

    def inside(inner, outer, margin=0.0):
        return inner[0] >= outer[0] + margin and inner[1] >= outer[1] + margin and inner[2] <= outer[2] - margin and inner[3] <= outer[3] - margin

    def overlap(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    for text in layout["texts"]:
        assert inside(text["box"], layout["svg"]), f"{text['text']!r} is cut off"
        if text["node"]:
            assert inside(text["box"], nodes[text["node"]], margin=2), f"{text['text']!r} overflows {text['node']}"
        else:
            assert [n for n, b in nodes.items() if overlap(text["box"], b)] == [], f"{text['text']!r} lies on a box"
    loose = [t for t in layout["texts"] if not t["node"]]
    for i, a in enumerate(loose):
        for b in loose[i + 1 :]:
            assert not overlap(a["box"], b["box"]), f"{a['text']!r} overlaps {b['text']!r}"
    for i, (a, box_a) in enumerate(sorted(nodes.items())):
        for b, box_b in sorted(nodes.items())[i + 1 :]:
            assert not overlap(box_a, box_b), f"{a} overlaps {b}"
