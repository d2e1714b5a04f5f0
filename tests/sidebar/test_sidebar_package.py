"""``sidebar.package``: Zendesk's upload rules, and the deterministic upload zip."""

from __future__ import annotations

import json
import shutil
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Callable

import pytest

from escalation_desk.errors import DeskError
from escalation_desk.sidebar import make_logos
from escalation_desk.sidebar.package import build_package
from escalation_desk.sidebar.validate import png_size, validate
from sidebar_support import APP_DIR


@pytest.fixture()
def app(tmp_path: Path) -> Path:
    copy = tmp_path / "app"
    shutil.copytree(APP_DIR, copy)
    return copy


def edit_manifest(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(app: Path) -> None:
        manifest = json.loads((app / "manifest.json").read_text(encoding="utf-8"))
        change(manifest)
        (app / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return apply


def edit_translations(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(app: Path) -> None:
        path = app / "translations" / "en.json"
        translations = json.loads(path.read_text(encoding="utf-8"))
        change(translations)
        path.write_text(json.dumps(translations, indent=2), encoding="utf-8")
    return apply


def parameter(manifest: dict, name: str) -> dict:
    return next(p for p in manifest["parameters"] if p["name"] == name)


def tiny_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + b"\0\0\0\0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def nest_app(app: Path) -> None:
    inner = app / "escalation-desk"
    inner.mkdir()
    for child in list(app.iterdir()):
        if child != inner:
            shutil.move(str(child), inner / child.name)


def remove(rel: str) -> Callable[[Path], None]:
    return lambda app: (app / rel).unlink()


def write(rel: str, data: bytes) -> Callable[[Path], None]:
    return lambda app: (app / rel).write_bytes(data)


BROKEN = {
    "no manifest": (remove("manifest.json"), "manifest.json: missing at the app root"),
    "nested manifest": (nest_app, "(found escalation-desk/manifest.json: the app root must be the folder that holds it)"),
    "manifest not JSON": (write("manifest.json", b'{"name": "Escalation Desk",}'),
                          "manifest.json: not valid JSON (Expecting property name enclosed in double quotes at line 1"),
    "duplicate key": (write("manifest.json", APP_DIR.joinpath("manifest.json").read_bytes().replace(
        b'"private": true,', b'"private": true, "private": false,')), "manifest.json: duplicate key 'private'"),
    "no author": (edit_manifest(lambda m: m.pop("author")), "manifest.json author: missing"),
    "author without email": (edit_manifest(lambda m: m["author"].pop("email")), "manifest.json author.email: missing"),
    "no defaultLocale": (edit_manifest(lambda m: m.pop("defaultLocale")), "manifest.json defaultLocale: missing"),
    "bad defaultLocale": (edit_manifest(lambda m: m.update(defaultLocale="English")),
                          "manifest.json defaultLocale: 'English' is not a locale"),
    "no location": (edit_manifest(lambda m: m.pop("location")), "manifest.json location: missing"),
    "v1 framework": (edit_manifest(lambda m: m.update(frameworkVersion="1.0")),
                     "manifest.json frameworkVersion: '1.0', must be '2.0'"),
    "no frameworkVersion": (edit_manifest(lambda m: m.pop("frameworkVersion")), "manifest.json frameworkVersion: missing"),
    "location file missing": (edit_manifest(lambda m: m["location"]["support"]["ticket_sidebar"].update(url="assets/main.html")),
                              "manifest.json location.support.ticket_sidebar.url: 'assets/main.html' does not exist in the app"),
    "location outside assets": (edit_manifest(lambda m: m["location"]["support"]["ticket_sidebar"].update(url="iframe.html")),
                                "manifest.json location.support.ticket_sidebar.url: 'iframe.html' must start with assets/"),
    "location over http": (edit_manifest(lambda m: m["location"]["support"]["ticket_sidebar"].update(url="http://example.com/app")),
                           "location.support.ticket_sidebar.url: absolute URLs must use https"),
    "flexible not boolean": (edit_manifest(lambda m: m["location"]["support"]["ticket_sidebar"].update(flexible="yes")),
                             "location.support.ticket_sidebar.flexible: must be true or false"),
    "unknown location": (edit_manifest(lambda m: m["location"]["support"].update(ticket_sidebr={"url": "assets/iframe.html"})),
                         "manifest.json location.support.ticket_sidebr: unknown Support location"),
    "no translations": (remove("translations/en.json"), "translations/en.json: missing (translations for the defaultLocale 'en')"),
    "no app name": (edit_translations(lambda t: t["app"].pop("name")), "translations/en.json app.name: missing"),
    "no parameter label": (edit_translations(lambda t: t["app"]["parameters"]["branch"].pop("label")),
                           "translations/en.json app.parameters.branch.label: missing"),
    "bad parameter type": (edit_manifest(lambda m: parameter(m, "branch").update(type="dropdown")),
                           "manifest.json parameters.branch.type: 'dropdown' is not one of text, checkbox"),
    "duplicate parameter": (edit_manifest(lambda m: m["parameters"].append({"name": "branch", "type": "text"})),
                            "manifest.json parameters.branch: duplicate parameter name"),
    "parameter called name": (edit_manifest(lambda m: m["parameters"].append({"name": "name", "type": "text"})),
                              "manifest.json parameters.name: a parameter cannot be called 'name'"),
    "token not secure": (edit_manifest(lambda m: parameter(m, "github_token").pop("secure")),
                         'manifest.json parameters.github_token: looks like a secret, so it must be "secure": true'),
    "secure with default": (edit_manifest(lambda m: parameter(m, "github_token").update(default="ghp_x")),
                            "manifest.json parameters.github_token.default: a secure parameter must not have a default"),
    "secure without scopes": (edit_manifest(lambda m: parameter(m, "github_token").pop("scopes")),
                              "manifest.json parameters.github_token.scopes: a secure parameter needs scopes"),
    "required not boolean": (edit_manifest(lambda m: parameter(m, "repository").update(required="yes")),
                             "manifest.json parameters.repository.required: must be true or false"),
    "hidden and required": (edit_manifest(lambda m: parameter(m, "branch").update(type="hidden", required=True)),
                            "manifest.json parameters.branch: a hidden parameter cannot be required"),
    "archive": (write("assets/old-build.zip", b"PK\x03\x04rest"), "assets/old-build.zip: .zip files"),
    "document": (write("assets/handbook.pdf", b"%PDF-1.7"), "assets/handbook.pdf: .pdf files"),
    "disguised archive": (write("assets/data.json", b"PK\x03\x04not json"), "assets/data.json: looks like a zip archive"),
    "logo wrong size": (write("assets/logo.png", tiny_png(128, 128)), "assets/logo.png: 128×128 pixels, must be 320×320"),
    "logo not a PNG": (write("assets/logo-small.png", b"GIF89a...."), "assets/logo-small.png: not a PNG file"),
    "no small logo": (remove("assets/logo-small.png"), "assets/logo-small.png: missing (128×128 PNG)"),
    "no svg logo": (remove("assets/logo.svg"), "assets/logo.svg: missing"),
    "too big": (write("assets/huge.txt", b"x" * (2 * 1024 * 1024 + 1)), "over the 2097152-byte limit"),
    "stale i18n.js": (edit_translations(lambda t: t["ui"].update(loading="Fetching…")),
                      "assets/i18n.js: out of date with translations/ (run python3 -m sidebar.i18n)"),
    "module missing": (remove("assets/format.js"), "assets/deadlines.js: './format.js' does not exist in the app (assets/format.js)"),
    "bare import": (write("assets/extra.js", b"import x from 'lodash';\n"), "assets/extra.js: import 'lodash' is not a relative address"),
    "import outside assets": (write("assets/extra.js", b"import { x } from '../translations/en.js';\n"),
                              "assets/extra.js: '../translations/en.js' points outside assets/"),
    "script over http": (write("assets/extra.html", b'<script src="http://cdn.example.com/x.js"></script>'),
                         "assets/extra.html: 'http://cdn.example.com/x.js' must use https"),
    "page script missing": (write("assets/extra.html", b'<script type="module" src="gone.js"></script>'),
                            "assets/extra.html: 'gone.js' does not exist in the app (assets/gone.js)"),
    "translation not JSON": (write("translations/fr.json", b"{nope"), "translations/fr.json: not valid JSON"),
    "translation bad locale": (write("translations/French.json", b"{}"), "translations/French.json: 'French' is not a locale"),
}


def test_the_bundled_app_is_valid():
    assert validate(APP_DIR) == []


def test_the_bundled_manifest_keeps_the_token_server_side():
    manifest = json.loads((APP_DIR / "manifest.json").read_text(encoding="utf-8"))
    token = parameter(manifest, "github_token")
    assert token["secure"] is True and token["required"] is True and "default" not in token
    assert token["scopes"] == ["header"]
    assert manifest["domainWhitelist"] == ["api.github.com"]
    assert manifest["location"] == {"support": {"ticket_sidebar": {"url": "assets/iframe.html", "flexible": True}}}
    assert [p["name"] for p in manifest["parameters"]] == [
        "repository", "branch", "index_path", "escalation_tag", "github_api_url", "sync_interval_minutes",
        "github_token",
    ]
    assert {p["name"]: p.get("default") for p in manifest["parameters"]} == {
        "repository": None, "branch": "main", "index_path": "escalations/index.json",
        "escalation_tag": "escalation", "github_api_url": "https://api.github.com", "sync_interval_minutes": 30,
        "github_token": None,
    }
    assert parameter(manifest, "sync_interval_minutes")["type"] == "number"
    assert parameter(manifest, "github_api_url")["type"] == "url"


def test_logo_sizes_are_read_from_the_png_header():
    assert png_size(APP_DIR / "assets" / "logo.png") == (320, 320)
    assert png_size(APP_DIR / "assets" / "logo-small.png") == (128, 128)


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_each_broken_app_gets_one_clear_problem(app: Path, case: str):
    breaks, expected = BROKEN[case]
    breaks(app)
    problems = validate(app)
    assert any(expected in problem for problem in problems), problems
    assert all("\n" not in problem for problem in problems)


def test_a_symlink_is_refused(app: Path):
    (app / "assets" / "linked.css").symlink_to(app / "assets" / "app.css")
    assert "assets/linked.css: symlinks are not allowed in a Zendesk app" in validate(app)


def test_not_a_folder(tmp_path: Path):
    assert validate(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: not a folder"]


def test_package_has_the_manifest_at_its_root_and_every_app_file(tmp_path: Path):
    out = build_package(tmp_path / "dist" / "sidebar.zip")
    assert out == tmp_path / "dist" / "sidebar.zip"
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert "manifest.json" in names
        assert set(names) >= {
            "manifest.json", "translations/en.json", "assets/iframe.html", "assets/app.js", "assets/app.css",
            "assets/i18n.js", "assets/logo.png", "assets/logo-small.png", "assets/logo.svg",
        }
        # Every ES module of the page, and nothing from outside the app folder.
        assert set(names) == {p.relative_to(APP_DIR).as_posix() for p in APP_DIR.rglob("*") if p.is_file()}
        assert {n for n in names if n.endswith(".js")} >= {"assets/decode.js", "assets/format.js", "assets/tags.js"}
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
        assert archive.read("manifest.json") == (APP_DIR / "manifest.json").read_bytes()
        assert archive.testzip() is None


def test_package_bytes_do_not_depend_on_when_or_where_it_is_built(app: Path, tmp_path: Path):
    first = build_package(tmp_path / "one.zip").read_bytes()
    for path in app.rglob("*"):
        path.touch()  # new mtimes must not change the zip
    (app / ".DS_Store").write_bytes(b"junk")  # hidden files stay out
    second = build_package(tmp_path / "two.zip", app).read_bytes()
    assert first == second


def test_package_into_a_folder_is_named_after_the_version(tmp_path: Path):
    assert build_package(tmp_path).name == "escalation-desk-0.1.0.zip"


def test_extra_domains_join_the_whitelist_in_the_package_only(tmp_path: Path):
    out = build_package(tmp_path / "ghe.zip", extra_domains=["ghe.example.com", "api.github.com"])
    with zipfile.ZipFile(out) as archive:
        packaged = json.loads(archive.read("manifest.json"))
    assert packaged["domainWhitelist"] == ["api.github.com", "ghe.example.com"]
    assert json.loads((APP_DIR / "manifest.json").read_text())["domainWhitelist"] == ["api.github.com"]


def test_an_invalid_app_is_not_packaged(app: Path, tmp_path: Path):
    edit_manifest(lambda m: m.pop("author"))(app)
    parameter_removed = edit_manifest(lambda m: parameter(m, "github_token").pop("secure"))
    parameter_removed(app)
    with pytest.raises(DeskError) as raised:
        build_package(tmp_path / "out.zip", app)
    message = str(raised.value)
    assert "manifest.json author: missing" in message
    assert "parameters.github_token: looks like a secret" in message
    assert "\n" not in message
    assert not (tmp_path / "out.zip").exists()
    assert list(tmp_path.glob(".sidebar-*")) == []


def test_logos_are_drawn_deterministically_without_an_imaging_library():
    small = make_logos.png(48)
    assert small == make_logos.png(48)
    assert small[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", small[16:24]) == (48, 48)
    svg = (APP_DIR / "assets" / "logo.svg").read_text(encoding="utf-8")
    assert svg == make_logos.SVG
