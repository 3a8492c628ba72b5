"""A small PDF writer for the tests: pages of Helvetica text placed where a test says, ruling lines, images.

Positions are in points from the page's top left, as pdfplumber gives them; ``text`` takes the top of the line
(the characters' top as pdfminer measures Helvetica: 0.718 of the size above the baseline, as its ascent).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfminer.fontmetrics import FONT_METRICS

ASCENT = 0.718


def width(text: str, size: float = 10, bold: bool = False) -> float:
    """The width of ``text`` in Helvetica (or Helvetica-Bold) at ``size`` points."""
    widths = FONT_METRICS["Helvetica-Bold" if bold else "Helvetica"][1]
    return sum(widths.get(char, 556) for char in text) * size / 1000


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


@dataclass
class Page:
    width: float = 595.0
    height: float = 842.0
    ops: list[str] = field(default_factory=list)
    image: bool = False

    def text(self, x: float, top: float, text: str, size: float = 10, bold: bool = False) -> None:
        baseline = self.height - top - ASCENT * size
        font = "F2" if bold else "F1"
        self.ops.append(f"BT /{font} {size} Tf {x:.2f} {baseline:.2f} Td ({_escape(text)}) Tj ET")

    def lines(
        self, x: float, top: float, lines: list[str], size: float = 10, bold: bool = False, leading: float = 1.2
    ) -> float:
        """Lines one under another; returns the bottom of the last."""
        for at, line in enumerate(lines):
            self.text(x, top + at * leading * size, line, size, bold)
        return top + len(lines) * leading * size

    def rule(self, x0: float, top0: float, x1: float, top1: float) -> None:
        self.ops.append(f"0.5 w {x0:.2f} {self.height - top0:.2f} m {x1:.2f} {self.height - top1:.2f} l S")

    def grid(self, xs: list[float], tops: list[float]) -> None:
        """Ruling lines round the cells of a table with column edges ``xs`` and row edges ``tops``."""
        for x in xs:
            self.rule(x, tops[0], x, tops[-1])
        for top in tops:
            self.rule(xs[0], top, xs[-1], top)

    def picture(self) -> None:
        """A grey image over the whole page, as a scanner makes."""
        self.image = True
        self.ops.append(f"q {self.width - 40:.2f} 0 0 {self.height - 40:.2f} 20 20 cm /Im1 Do Q")


def build(pages: list[Page]) -> bytes:
    """The PDF file of ``pages``."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: pages (filled in last)
    fonts = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    image = len(objects) + 1
    objects.append(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x90\xa0\xb0\nendstream"
    )
    kids = []
    for page in pages:
        content = "\n".join(page.ops).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        xobject = f"/XObject << /Im1 {image} 0 R >>" if page.image else ""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {page.width} {page.height}] /Contents "
            f"{len(objects)} 0 R /Resources << /Font << /F1 {fonts} 0 R /F2 {fonts + 1} 0 R >> "
            f"{xobject} >> >>".encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def encrypt(data: bytes, user: str, owner: str) -> bytes:
    """The PDF encrypted (RC4, 128 bits): ``user`` opens it (empty: anyone may), ``owner`` lifts its limits."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
