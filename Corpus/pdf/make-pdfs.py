#!/usr/bin/env python3
"""Makes the small PDFs of Corpus/pdf from generated reports, through LibreOffice headless.

Not a CI dependency: the PDFs and their gold are committed; run this only to remake them.

    python3 Corpus/pdf/make-pdfs.py [--count 4] [--seed 11] [--hanmine .build/debug/hanmine]

Needs `soffice` (apt-get install libreoffice-writer-nogui fonts-noto-cjk). Steps: `hanmine
generate --format docx` writes made-up reports (real table cells, gridSpan and vMerge) with
their gold tables; the generator's DOCX carries no column widths, so each table gets the widths
a person would give it in Word (label columns wide, number columns narrow, the whole text width),
cells vertically centred and every border drawn; then `soffice --convert-to pdf` prints it.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

TEXT_WIDTH = 9000  # twips: A4 less LibreOffice's default margins


def cell_spans(row_xml):
    """(grid span, text) of each w:tc in a w:tr."""
    cells = []
    for tc in re.findall(r"<w:tc>.*?</w:tc>", row_xml, re.S):
        span = re.search(r'<w:gridSpan w:val="(\d+)"', tc)
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", tc))
        cells.append((int(span.group(1)) if span else 1, text.strip()))
    return cells


def is_number(text):
    return bool(re.fullmatch(r"[0-9.,%]+|[-—/／无]+", text))


def widen(table_xml):
    rows = re.findall(r"<w:tr>.*?</w:tr>", table_xml, re.S)
    grids = [cell_spans(r) for r in rows]
    columns = max(sum(s for s, _ in g) for g in grids)
    numeric = [False] * columns
    for grid in grids:
        col = 0
        for span, text in grid:
            if span == 1 and text and is_number(text):
                numeric[col] = True
            col += span
    labels = [c for c in range(columns) if not numeric[c]]
    numbers = [c for c in range(columns) if numeric[c]]
    label_share = 0.45 if numbers else 1.0
    widths = []
    for c in range(columns):
        if numeric[c]:
            widths.append(int(TEXT_WIDTH * (1 - label_share) / len(numbers)))
        else:
            widths.append(int(TEXT_WIDTH * label_share / len(labels)))
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    props = (f'<w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
             '<w:tblLayout w:type="fixed"/></w:tblPr>' + grid)
    table_xml = re.sub(r"<w:tblPr>.*?</w:tblPr>", props, table_xml, count=1, flags=re.S)

    def centre(match):
        return "<w:tcPr>" + match.group(1) + '<w:vAlign w:val="center"/></w:tcPr>'
    return re.sub(r"<w:tcPr>(.*?)</w:tcPr>", centre, table_xml, flags=re.S)


def fix_docx(source, target):
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r"<w:tbl>.*?</w:tbl>", lambda m: widen(m.group(0)), xml, flags=re.S)
                data = xml.encode("utf-8")
            zout.writestr(item, data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=4)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--hanmine", default=".build/debug/hanmine")
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    if not shutil.which("soffice"):
        sys.exit("make-pdfs: soffice not found; apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([args.hanmine, "generate", "--count", str(args.count), "--out", work,
                        "--format", "docx", "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
        fixed = os.path.join(work, "fixed")
        os.makedirs(fixed)
        names = sorted(n for n in os.listdir(os.path.join(work, "raw")) if n.endswith(".docx"))
        for name in names:
            fix_docx(os.path.join(work, "raw", name), os.path.join(fixed, "libreoffice-" + name))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", args.out]
                       + [os.path.join(fixed, "libreoffice-" + n) for n in names], check=True, stdout=subprocess.DEVNULL)
        gold = os.path.join(args.out, "gold", "tables")
        os.makedirs(gold, exist_ok=True)
        for name in names:
            stem = name[:-len(".docx")]
            shutil.copy(os.path.join(work, "gold", "tables", stem + ".json"),
                        os.path.join(gold, "libreoffice-" + stem + ".json"))
    print(f"make-pdfs: {len(names)} PDFs and their gold in {args.out}")


if __name__ == "__main__":
    main()
