"""Turn ESC/POS bytes back into text and a list of commands, as a test's eyes on the paper.

Knows the commands our renderer emits; anything else is kept as an unknown
command so a test can never silently read garbage as text.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from escpos.capabilities import get_profile


@dataclass
class Printout:
    text: str = ""
    commands: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def _codec(page: str) -> str:
    name = page.lower().replace("-", "_")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp437"


def decode(data: bytes, profile: str = "default") -> Printout:
    out = Printout()
    pages = {int(number): name for name, number in get_profile(profile).get_code_pages().items()}
    codec = "cp437"
    i = 0
    text = bytearray()

    def flush() -> None:
        nonlocal text
        if text:
            out.text += text.decode(codec, errors="replace")
            text = bytearray()

    while i < len(data):
        byte = data[i]
        if byte == 0x1B:  # ESC
            flush()
            command = data[i + 1]
            if command == 0x40:
                out.commands.append("init")
                i += 2
            elif command == 0x74:  # ESC t n: code page
                page = pages.get(data[i + 2], "CP437")
                codec = _codec(page)
                out.commands.append(f"codepage {page}")
                i += 3
            elif command == 0x70:  # ESC p m t1 t2: drawer kick
                out.commands.append("drawer")
                i += 5
            elif command in (0x61, 0x45, 0x2D, 0x4D, 0x47, 0x7B, 0x21, 0x64, 0x4A, 0x33, 0x20):
                i += 3
            elif command == 0x32:
                i += 2
            else:
                out.commands.append(f"esc {command:#x}")
                i += 2
        elif byte == 0x1D:  # GS
            flush()
            command = data[i + 1]
            if command == 0x56:  # GS V m [n]: cut
                out.commands.append("cut")
                i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
            elif command == 0x76 and data[i + 2] == 0x30:  # GS v 0: raster image
                width = data[i + 4] + data[i + 5] * 256
                height = data[i + 6] + data[i + 7] * 256
                out.commands.append("image")
                i += 8 + width * height
            elif command == 0x28 and data[i + 2] == 0x6B:  # GS ( k: 2D code
                length = data[i + 3] + data[i + 4] * 256
                out.commands.append("qr")
                i += 5 + length
            elif command in (0x21, 0x42, 0x62, 0x66, 0x68, 0x77, 0x48, 0x4C):
                i += 3
            else:
                out.commands.append(f"gs {command:#x}")
                i += 2
        elif byte == 0x1C:  # FS
            flush()
            i += 2
        else:
            text.append(byte)
            i += 1
    flush()
    return out
