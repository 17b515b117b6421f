"""The review page in a real headless browser (Debian's chromium and chromedriver, driven by selenium).

Nothing is downloaded: the browser and its driver come from the system (`.ci/run` installs them). The test is
skipped only when KENENG_SKIP_BROWSER=1 says so (a local run without a browser); otherwise a missing browser
is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from keneng_audit import cli
from keneng_audit.reporters._anchors import anchor, read_document
from keneng_audit.reporters._common import ordered

SKIP_ENV = "KENENG_SKIP_BROWSER"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,900"]

pytestmark = pytest.mark.skipif(os.environ.get(SKIP_ENV) == "1", reason=f"{SKIP_ENV}=1: no browser test here")


def _executable(*names: str) -> str:
    for name in names:
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    pytest.fail(f"{' or '.join(names)} not found: install Debian's chromium and chromium-driver "
                f"(.ci/run does), or set {SKIP_ENV}=1 to skip this test on purpose")


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver") if os.environ.get(SKIP_ENV) == "1" else None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _executable("chromium", "chromium-browser")
    profile = tempfile.mkdtemp(prefix="keneng-chromium-")
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(_executable("chromedriver")), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    out = folder / "review.html"
    result = CliRunner().invoke(cli.main, ["check", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 1 and out.exists()
    return out


def _sample_marks() -> int:
    from keneng_audit.audit import audit_report
    from keneng_audit.resources import sample_report

    result = audit_report(sample_report())
    anchors = anchor(read_document(result), ordered(result))
    return len(anchors.cells) + sum(len(spans) for spans in anchors.spans.values())


def _in_view(driver, element_id: str) -> bool:
    return driver.execute_script(
        "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;", element_id)


def test_page_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text and "<script src" not in text and "<link" not in text


def test_every_compared_value_is_highlighted_where_printed(browser, page):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    marks = browser.find_elements(By.CSS_SELECTOR, "article mark")
    assert len(marks) == _sample_marks() > 200
    # 表3's wrong growth rate is marked in its cell, as printed.
    assert "40.5%" in [m.text for m in marks]


def test_clicking_a_finding_scrolls_to_its_values(browser, page, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    entries = browser.find_elements(By.CSS_SELECTOR, "aside .finding")
    group = next(e for e in entries if "×15" in e.text and "表6" in e.text)  # 表6's growth rates, far down
    target = group.get_attribute("data-targets").split()[0]
    assert not _in_view(browser, target)
    group.find_element(By.CSS_SELECTOR, ".rule").click()  # the entry's heading: the whole group
    assert _in_view(browser, target)
    assert "focus" in browser.find_element(By.ID, target).get_attribute("class")
    shot = Path(os.environ.get("KENENG_SCREENSHOT_DIR", tmp_path)) / "review-clicked.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    # A row of the group goes to that row's value.
    row = group.find_elements(By.CSS_SELECTOR, "tr.row")[-1]
    last = row.get_attribute("data-targets").split()[0]
    row.click()
    assert _in_view(browser, last)


def test_severity_filter_hides_findings_and_dims_their_marks(browser, page):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    errors = browser.find_elements(By.CSS_SELECTOR, "aside .finding.sev-error")
    assert errors and all(e.is_displayed() for e in errors[:3])
    browser.find_element(By.CSS_SELECTOR, 'input[data-severity="error"]').click()
    assert not any(e.is_displayed() for e in errors)
    assert browser.find_elements(By.CSS_SELECTOR, "aside .finding.sev-warning")[0].is_displayed()
    dimmed = browser.find_elements(By.CSS_SELECTOR, "article mark.off")
    assert dimmed and all("sev-error" in m.get_attribute("class") for m in dimmed[:20])
