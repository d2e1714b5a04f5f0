"""A real browser looks at what a leader looks at.

- The README's Mermaid blocks go through the real Mermaid (current and 10.x) in headless
  Chromium: parsed, rendered to SVG, and shown as GitHub would place them; a screenshot
  lands in tests/artifacts/report/dashboard.png.
- The static HTML page is opened from disk with every outside request refused: its
  charts must render with a size, and a screenshot lands in tests/artifacts/report/report.png.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from escalation_desk.config import load_config
from escalation_desk.report.dashboard import render_dashboard
from escalation_desk.report.formatting import SEVERITY_COLOURS
from escalation_desk.report.html import render_html
from escalation_desk.report.run import build_report

import report_fixtures as fx
from report_fixtures import ARTIFACTS

pytestmark = pytest.mark.browser

RENDER = """async ([blocks, prefix]) => {
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  const out = [];
  for (const [n, code] of blocks.entries()) {
    try {
      await mermaid.parse(code);
      const { svg } = await mermaid.render(prefix + n, code);
      out.push({ ok: true, svg });
    } catch (error) {
      out.push({ ok: false, error: String((error && error.message) || error) });
    }
  }
  return out;
}"""


def _blocks(markdown: str) -> list[str]:
    return re.findall(r"^```mermaid\n(.*?)\n```$", markdown, flags=re.S | re.M)


def _render(chromium: Any, build: Path, blocks: list[str]) -> list[dict]:
    def work(browser: Any) -> list[dict]:
        page = browser.new_page()
        try:
            page.set_content("<!doctype html><html><body></body></html>")
            page.add_script_tag(path=str(build))
            return page.evaluate(RENDER, [blocks, "m"])
        finally:
            page.close()

    return chromium.run(work)


@pytest.fixture(scope="module")
def readme(git_repo: Path) -> str:
    config = load_config(git_repo / "escalations.toml")
    return render_dashboard(build_report(git_repo, config, fx.NOW), config)


@pytest.mark.parametrize("version", ["current", "10.x"])
def test_mermaid_blocks_parse_and_render_in_real_mermaid(chromium, mermaid_builds, readme, version, tmp_path):
    blocks = _blocks(readme)
    empty = tmp_path / "empty"
    (empty / "escalations").mkdir(parents=True)
    config = load_config(None)
    blocks += _blocks(render_dashboard(build_report(empty, config, fx.NOW), config))
    results = _render(chromium, mermaid_builds[version], blocks + ['xychart-beta\n    x-axis [a b]\n    bar [1'])
    *good, broken = results
    assert not broken["ok"], "the parser must reject a broken block, or this test proves nothing"
    for block, result in zip(blocks, good):
        assert result["ok"], f"Mermaid {version} rejects:\n{block}\n{result.get('error')}"
        assert "<svg" in result["svg"] and 'aria-roledescription' in result["svg"]
    # Each severity gets its own colour, whichever order this version draws the slices in.
    legend = re.findall(r'<g class="legend"[^>]*>.*?fill:\s*rgb\((\d+), (\d+), (\d+)\).*?<text[^>]*>(SEV-\d)[^<]*</text>',
                        good[0]["svg"], flags=re.S)
    assert {label: "#%02x%02x%02x" % tuple(int(c) for c in rgb) for *rgb, label in legend} == {
        "SEV-1": SEVERITY_COLOURS["SEV-1"], "SEV-3": SEVERITY_COLOURS["SEV-3"], "SEV-4": SEVERITY_COLOURS["SEV-4"]}


def test_dashboard_as_github_shows_it(chromium, mermaid_builds, readme):
    """The README rendered to HTML (CommonMark + tables) with its charts drawn by Mermaid: a picture to look at."""
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(readme)
    blocks = _blocks(readme)
    counter = iter(range(len(blocks)))
    html = re.sub(r'<pre><code class="language-mermaid">.*?</code></pre>',
                  lambda _m: f'<div class="chart" id="chart-{next(counter)}"></div>', html, flags=re.S)
    def work(browser: Any) -> list[dict]:
        page = browser.new_page(viewport={"width": 1012, "height": 900})
        try:
            page.set_content("<!doctype html><html><head><meta charset='utf-8'><style>"
                             "body{font:14px/1.5 -apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:980px}"
                             "table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 10px}"
                             "blockquote{border-left:4px solid #d29922;margin:0;padding:0 12px}"
                             ".chart{max-width:720px;margin:8px 0}</style></head><body>" + html + "</body></html>")
            page.add_script_tag(path=str(mermaid_builds["current"]))
            rendered = page.evaluate(RENDER, [blocks, "gh"])
            assert all(r["ok"] for r in rendered), rendered
            page.evaluate("(svgs) => svgs.forEach((svg, n) => { document.getElementById('chart-' + n).innerHTML = svg; })",
                          [r["svg"] for r in rendered])
            sizes = page.evaluate("() => [...document.querySelectorAll('.chart svg')]"
                                  ".map(s => s.getBoundingClientRect()).map(r => [r.width, r.height])")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
            return sizes
        finally:
            page.close()

    sizes = chromium.run(work)
    assert len(sizes) == 3 and all(w > 100 and h > 100 for w, h in sizes), sizes


def test_html_page_renders_its_charts(chromium, git_repo, tmp_path):
    config = load_config(git_repo / "escalations.toml")
    page_path = tmp_path / "site" / "index.html"
    page_path.parent.mkdir()
    page_path.write_text(render_html(build_report(git_repo, config, fx.NOW), config), encoding="utf-8")
    outside: list[str] = []
    errors: list[str] = []

    def work(browser: Any) -> tuple[list[dict], int, str]:
        context = browser.new_context(viewport={"width": 1320, "height": 900}, locale="en-US", timezone_id="UTC")
        page = context.new_page()

        def route(request: Any) -> None:
            if request.request.url.startswith("file://"):
                request.continue_()
            else:
                outside.append(request.request.url)
                request.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        try:
            page.goto(page_path.as_uri())
            charts = page.evaluate("""() => [...document.querySelectorAll('svg.chart')].map(svg => {
                const box = svg.getBoundingClientRect();
                const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
                return { width: box.width, height: box.height, role: svg.getAttribute('role'),
                         title: (document.getElementById(ids[0]) || {}).textContent || '',
                         desc: (document.getElementById(ids[1]) || {}).textContent || '',
                         shapes: svg.querySelectorAll('rect').length };
            })""")
            tables = page.evaluate("() => document.querySelectorAll('table').length")
            kpi = page.inner_text(".kpis")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
            return charts, tables, kpi
        finally:
            context.close()

    charts, tables, kpi = chromium.run(work)
    assert len(charts) == 7
    for chart in charts:
        assert chart["width"] > 200 and chart["height"] > 50, chart
        assert chart["role"] == "img" and chart["title"] and chart["desc"], chart
    assert charts[0]["title"] == "Open escalations by severity" and charts[0]["desc"].startswith("SEV-1: 1")
    assert charts[1]["shapes"] == 2 + 2 * 14                       # legend + two columns per week
    assert tables >= 9                                           # a table beside every chart, and more
    assert "Open escalations\n4" in kpi and "$275,000" in kpi and "71.4%" in kpi
    assert not outside and not errors, (outside, errors)


def test_html_page_is_self_contained_safe_and_stable(tmp_path):
    repo = fx.write_plain(tmp_path / "repo")
    text = fx.document("ESC-777", severity="SEV-2", status="Open", opened="2026-06-30T09:00:00Z",
                       owner="OWNER", customer="CUSTOMER")
    text = text.replace("owner: OWNER", "owner: \"<img src=x onerror=alert(1)>\"").replace(
        "customer: CUSTOMER 777", "customer: \"</svg><script>alert(1)</script>\"")
    (repo / "escalations" / "ESC-777.md").write_text(text, encoding="utf-8")
    config = load_config(repo / "escalations.toml")
    report = build_report(repo, config, fx.NOW)
    html = render_html(report, config)
    assert "<script" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)      # nothing fetched from elsewhere
    assert html == render_html(build_report(repo, config, fx.NOW), config)   # same bytes
    assert json.dumps(report.now.isoformat()) and "2026-06-30 12:00 UTC" in html


def test_html_links_documents_when_a_documents_url_is_configured(tmp_path):
    repo = fx.write_plain(tmp_path / "repo")
    (repo / "escalations.toml").write_text(fx.CONFIG_TOML + '\n[github]\ndocuments_url = "https://github.com/acme/esc/blob/main/"\n',
                                           encoding="utf-8")
    config = load_config(repo / "escalations.toml")
    html = render_html(build_report(repo, config, fx.NOW), config)
    assert '<a href="https://github.com/acme/esc/blob/main/escalations/ESC-102.md">ESC-102</a>' in html
