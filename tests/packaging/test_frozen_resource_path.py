"""desktop_app.core.paths.resource_path() from a checkout and inside a PyInstaller bundle (sys._MEIPASS)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop_app.core import i18n, paths

REPO = Path(__file__).resolve().parents[2]


def test_from_a_checkout_it_is_the_repositorys_resources_folder(monkeypatch):
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert paths.resources_dir() == REPO / "resources"
    assert paths.resource_path("fonts", "NotoSansSC-Regular.ttf").is_file()
    assert paths.resource_path("icons", "app.svg").is_file()


def test_frozen_it_is_the_bundle_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.resource_path("fonts", "NotoSansSC-Regular.ttf") == tmp_path / "resources" / "fonts" / \
        "NotoSansSC-Regular.ttf"


@pytest.fixture
def fresh_catalogues():
    i18n.reload_catalogues()
    yield
    i18n.reload_catalogues()


def test_translations_are_read_from_the_bundle(monkeypatch, tmp_path, fresh_catalogues):
    """The catalogue loader goes through resource_path, so a frozen app finds resources/i18n/*.toml."""
    folder = tmp_path / "resources" / "i18n"
    folder.mkdir(parents=True)
    (folder / "bundle.toml").write_text('["Bundled message"]\nzh_CN = "打包的消息"\nzh_TW = "打包的訊息"\n',
                                        encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert i18n.translate("Bundled message", "zh_CN") == "打包的消息"
    assert i18n.translate("Bundled message", "zh_TW") == "打包的訊息"
