"""The quarterly return cycle (issue 15): a workbook out to each agency (``issue``), its answers back in as history
(``apply``), and who has not answered yet (``status``). ``layout`` is the one home of the workbook's shape, which
the writer (render/returnbook.py) and the reader (parse/returnbook.py) share."""
