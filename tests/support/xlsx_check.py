"""xlsx_check.py: reads an XLSX workbook maturinh wrote back with openpyxl and
compares it, column by column, with the CSV of the same command.

Usage: xlsx_check.py WORKBOOK SHEET CSV
Prints one line per problem and exits 1 when there is any; 0 otherwise.
Checked: the sheet names (SHEET, then "colonnes"), the header ids, each
cell against the CSV's (text as strings, FINESS with their leading zero;
numbers as numbers equal to the CSV's at its decimals; integers; booleans
as booleans; empty as None), the frozen pane at A2, the autofilter over the
header and every row, the widths, and "colonnes" listing each id with a label.
"""
import csv
import sys

import openpyxl
from openpyxl.utils import get_column_letter

path, name, csv_path = sys.argv[1:4]
problems = []
wb = openpyxl.load_workbook(path)
if wb.sheetnames != [name, "colonnes"]:
    problems.append("sheets %r, expected [%r, 'colonnes']" % (wb.sheetnames, name))
ws = wb[name]
with open(csv_path, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header = rows[0]
got = [list(r) for r in ws.iter_rows(values_only=True)]
if got[0] != header:
    problems.append("header %r, expected %r" % (got[0], header))
if len(got) != len(rows):
    problems.append("%d rows, expected %d" % (len(got), len(rows)))
for i, (want, have) in enumerate(zip(rows[1:], got[1:]), start=2):
    for j, (w, h) in enumerate(zip(want, have)):
        where = "%s%d (%s)" % (get_column_letter(j + 1), i, header[j])
        if w == "":
            if h is not None:
                problems.append("%s: %r, expected an empty cell" % (where, h))
        elif w in ("true", "false"):
            if h is not (w == "true"):
                problems.append("%s: %r, expected the boolean %s" % (where, h, w))
        elif header[j] in ("finess", "campaign", "region", "category", "departement", "ght",
                           "name", "status", "domain", "criterion", "category_label"):
            if not isinstance(h, str) or h != w:
                problems.append("%s: %r, expected the text %r" % (where, h, w))
        elif "." in w:
            decimals = len(w.split(".")[1])
            if isinstance(h, bool) or not isinstance(h, (int, float)) or \
                    "%+.*f" % (decimals, h) != "%+.*f" % (decimals, float(w)):
                problems.append("%s: %r, expected the number %s" % (where, h, w))
            fmt = ws.cell(row=i, column=j + 1).number_format
            wanted = "0." + "0" * decimals
            if header[j] == "delta":
                wanted = "+%s;-%s;%s" % (wanted, wanted, wanted)
            if fmt != wanted:
                problems.append("%s: number format %r, expected %r" % (where, fmt, wanted))
        else:
            if isinstance(h, bool) or h != int(w):
                problems.append("%s: %r, expected the integer %s" % (where, h, w))
if ws.freeze_panes != "A2":
    problems.append("frozen pane %r, expected A2" % ws.freeze_panes)
last = "%s%d" % (get_column_letter(len(header)), len(rows))
if ws.auto_filter.ref != "A1:" + last:
    problems.append("autofilter %r, expected A1:%s" % (ws.auto_filter.ref, last))
for j in range(len(header)):
    width = ws.column_dimensions[get_column_letter(j + 1)].width
    if width is None or width < 6 or width > 62:
        problems.append("column %s: width %r" % (header[j], width))
legend = [list(r) for r in wb["colonnes"].iter_rows(values_only=True)]
if legend[0] != ["colonne", "libellé"]:
    problems.append("colonnes: header %r" % legend[0])
if [r[0] for r in legend[1:]] != header:
    problems.append("colonnes: ids %r, expected %r" % ([r[0] for r in legend[1:]], header))
for r in legend[1:]:
    if not r[1]:
        problems.append("colonnes: %s has no label" % r[0])
for p in problems[:30]:
    print(p)
sys.exit(1 if problems else 0)
