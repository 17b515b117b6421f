"""A second consumer of the annotated DOCX: LibreOffice (headless) opens it and shows the same comments, on the
same text, as python-docx reads back. The comments part is the standard one (word/comments.xml, declared in
[Content_Types].xml and related from the document), which Word, WPS and LibreOffice all read; no Word-only part
(commentsExtended) is needed. Skipped only when KENENG_SKIP_LIBREOFFICE=1 says so; a missing soffice is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from keneng_audit import cli
from tests.reporters import small_report
from tests.reporters.docx_comments import anchored

SKIP_ENV = "KENENG_SKIP_LIBREOFFICE"
pytestmark = pytest.mark.skipif(os.environ.get(SKIP_ENV) == "1", reason=f"{SKIP_ENV}=1: no LibreOffice test here")
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(f"LibreOffice (soffice) is not installed: install libreoffice-writer (.ci/run does), "
                    f"or set {SKIP_ENV}=1 to skip this test on purpose")
    return found


def _events(element):
    """The document in reading order: ("start", el), ("text", str), ("end", el)."""
    yield "start", element
    if element.text:
        yield "text", element.text
    for child in element:
        yield from _events(child)
        if child.tail:
            yield "text", child.tail
    yield "end", element


def _odt_comments(path: Path) -> list[tuple[str, str]]:
    """(comment text, anchored text) per annotation of an ODT, in document order."""
    root = etree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    annotation, end = f"{{{OFFICE}}}annotation", f"{{{OFFICE}}}annotation-end"
    name = f"{{{OFFICE}}}name"
    comments, spans, inside, body = [], {}, 0, []
    for kind, item in _events(root):
        if kind == "start" and item.tag == annotation:
            inside, body = inside + 1, []
        elif kind == "end" and item.tag == annotation:
            inside -= 1
            comments.append(["\n".join("".join(p.itertext()) for p in item.iter(f"{{{TEXT}}}p")), ""])
            spans[item.get(name)] = comments[-1]
        elif kind == "start" and item.tag == end:
            spans.pop(item.get(name), None)
        elif kind == "text" and not inside:
            for open_comment in spans.values():
                open_comment[1] += item
    return [(text, anchor) for text, anchor in comments]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The sample (text in, a new DOCX out) and a DOCX report (copied with comments), converted by LibreOffice."""
    soffice = _soffice()
    folder = tmp_path_factory.mktemp("libreoffice")
    (folder / ".git").mkdir()
    old = Path.cwd()
    os.chdir(folder)
    try:
        runner = CliRunner()
        assert runner.invoke(cli.main, ["check", "-o", "sample.docx"], catch_exceptions=False).exit_code == 1
        small_report.write_docx(Path("small.docx"))
        Path("pack.yaml").write_text(small_report.PACK, encoding="utf-8")
        assert runner.invoke(cli.main, ["check", "small.docx", "--rules", "pack.yaml", "-o", "small-reviewed.docx"],
                             catch_exceptions=False).exit_code == 1
    finally:
        os.chdir(old)
    profile = (folder / "profile").as_uri()  # a profile of its own: no clash with another LibreOffice running
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "odt",
                    "--outdir", str(folder / "odt"), str(folder / "sample.docx"), str(folder / "small-reviewed.docx")],
                   check=True, capture_output=True, timeout=300)
    return folder


@pytest.mark.parametrize("name", ["sample", "small-reviewed"])
def test_libreoffice_shows_every_comment_on_the_text_python_docx_anchors_it_on(converted, name):
    ours = [(text, anchor) for text, anchor, _ in anchored(converted / f"{name}.docx")]
    theirs = _odt_comments(converted / "odt" / f"{name}.odt")
    assert len(theirs) == len(ours) > 0
    assert theirs == ours


def test_the_comments_part_is_the_standard_one(converted):
    with zipfile.ZipFile(converted / "sample.docx") as package:
        names = set(package.namelist())
        types = package.read("[Content_Types].xml").decode("utf-8")
        relations = package.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "word/comments.xml" in names and not any("commentsExtended" in n for n in names)
    assert ('PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.comments+xml"') in types
    assert 'relationships/comments" Target="comments.xml"' in relations
