"""Fill colours -> RAG words (parse/colours.py): rgb, indexed and theme colours with tint, and a file's key."""

from __future__ import annotations

import pytest

from scrtool.parse import colours
from scrtool.parse.colours import ColourKey


@pytest.mark.parametrize(
    ("code", "word"),
    [
        ("FF00B050", "Green"),
        ("92D050", "Green"),
        ("#C6EFCE", "Green"),
        ("FFC000", "Amber"),
        ("FFFF00", "Amber"),
        ("FFEB9C", "Amber"),
        ("FF0000", "Red"),
        ("FFC7CE", "Red"),
        ("C00000", "Red"),
        ("0070C0", "Blue"),
        ("00B0F0", "Blue"),
        ("7030A0", None),
        ("D9D9D9", None),
        ("FFFFFF", None),
        ("000000", None),
    ],
)
def test_rag_word_by_hue(code: str, word: str | None) -> None:
    rgb = colours.hex_rgb(code)
    assert rgb is not None
    assert colours.rag_word(rgb) == word


def test_hex_codes() -> None:
    assert colours.hex_rgb("FF00B050") == (0, 176, 80)
    assert colours.hex_rgb("0000B050") == (0, 176, 80)  # Office ignores the alpha byte
    assert colours.hex_rgb("") is None
    assert colours.hex_rgb("green") is None
    assert colours.hex_rgb("00B05") is None


def test_indexed_colours_from_the_default_or_the_files_palette() -> None:
    assert colours.indexed_rgb(10) == (255, 0, 0)
    assert colours.indexed_rgb(17) == (0, 128, 0)
    assert colours.indexed_rgb(64) is None  # the system's text colour: no statement
    palette = ["FF000000"] * 10 + ["FF0070C0"]
    assert colours.indexed_rgb(10, palette) == (0, 112, 192)


THEME = b"""<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>
<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>
<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2>
<a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>
<a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent6><a:srgbClr val="70AD47"/></a:accent6>
</a:clrScheme></a:themeElements></a:theme>"""


def test_theme_palette_and_tint() -> None:
    palette = colours.theme_palette(THEME)
    assert palette["lt1"] == (255, 255, 255)
    assert palette["dk1"] == (0, 0, 0)
    assert palette["accent2"] == (237, 125, 49)
    assert colours.THEME_SLOTS[0] == "lt1" and colours.THEME_SLOTS[5] == "accent2"
    for rgb, tint, excel in (
        (palette["accent6"], 0.7999816888943144, (226, 239, 218)),  # "lighter 80%", E2EFDA
        (palette["accent2"], -0.249977111117893, (197, 90, 17)),
    ):  # "darker 25%", C55A11
        assert all(abs(a - b) <= 1 for a, b in zip(colours.tinted(rgb, tint), excel, strict=True))  # Excel's rounding
    assert colours.theme_palette(None) == {}


def test_a_key_names_its_colours_and_their_shades() -> None:
    key = ColourKey(
        (
            ((0, 176, 80), "Complete"),
            ((146, 208, 80), "On track"),
            ((255, 0, 0), "Not started"),
            ((112, 48, 160), "Not agreed"),
        )
    )
    assert key.word((0, 176, 80)) == "Complete"
    assert key.word((150, 210, 80)) == "On track"  # nearest of the key's two greens
    assert key.word((192, 0, 0)) == "Not started"  # a darker red: the key's red
    assert key.word((120, 50, 160)) == "Not agreed"  # a shade of the key's purple
    assert key.word((0, 112, 192)) == "Blue"  # a hue the key does not name: its RAG word
    assert key.word((217, 217, 217)) is None
    assert ColourKey().word((0, 176, 80)) == "Green"


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("Green - on track", "on track"),
        ("Blue = Complete", "Complete"),
        ("Complete\nEvidence seen by the board", "Complete"),
        ("Red", "Red"),
        ("G: Done", "Done"),
    ],
)
def test_key_meanings(text: str, meaning: str) -> None:
    assert colours.key_meaning(text) == meaning


def test_fill_texts_round_trip() -> None:
    assert colours.fill_text("Green") == "Green (fill)"
    assert colours.filled("Green (fill)") == "Green"
    assert colours.filled("Green") is None
    assert colours.rag_of("On  Track") == "Green"
    assert colours.rag_of("Complete") is None
