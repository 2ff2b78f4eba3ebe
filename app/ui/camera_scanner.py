"""Reading QR codes from a camera: QtMultimedia frames decoded with zxing-cpp.

Both are optional at run time: without a camera, QtMultimedia's system
libraries or zxing-cpp, ``start()`` says so and the pickup desk works by
scanner and search alone. A camera reads the code's own characters, so it
also covers scanners that mangle symbols on non-US keyboard layouts.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget

log = logging.getLogger(__name__)

# Decoding every frame would load the GUI thread for nothing: a few reads a second find a held-up phone.
DECODE_INTERVAL_S = 0.25
MAX_DECODE_WIDTH = 960
# The same code seen on consecutive frames is one scan.
REPEAT_AFTER_S = 3.0


def decode_qr(image: QImage) -> str | None:
    """The text of the first QR code in the image, or None (also when zxing-cpp is missing)."""
    try:
        import zxingcpp
    except ImportError:
        return None
    if image.width() > MAX_DECODE_WIDTH:
        image = image.scaledToWidth(MAX_DECODE_WIDTH)
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    for barcode in zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)):
        if barcode.valid and barcode.text:
            return str(barcode.text)
    return None


def _multimedia() -> tuple[Any, Any] | None:
    """QtMultimedia and its widgets when a camera and zxing-cpp are there; loaded only when asked for."""
    try:
        import zxingcpp  # noqa: F401 - only whether it is there
        from PySide6 import QtMultimedia, QtMultimediaWidgets
    except ImportError as error:  # zxing-cpp, or Debian's libpulse0 and friends, missing
        log.info("camera scanning off: %s", error)
        return None
    if not QtMultimedia.QMediaDevices.videoInputs():
        return None
    return (QtMultimedia, QtMultimediaWidgets)


class CameraScanner(QObject):
    """Loads QtMultimedia on the first start only: a till without a camera never pays for it."""

    code_read = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._modules: tuple[Any, Any] | None = None
        self._camera: Any = None
        self._session: Any = None
        self._video: Any = None
        self._last_decode = 0.0
        self._last_code = ("", 0.0)
        self.view = QWidget()
        self._layout = QVBoxLayout(self.view)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.view.hide()

    def start(self) -> bool:
        """Start reading; False when this computer has no usable camera."""
        if self._camera is not None:
            return True
        if self._modules is None:
            self._modules = _multimedia()
        if self._modules is None:
            return False
        multimedia, widgets = self._modules
        if self._video is None:
            self._video = widgets.QVideoWidget()
            self._video.setMinimumHeight(240)
            self._layout.addWidget(self._video)
        self._camera = multimedia.QCamera(multimedia.QMediaDevices.defaultVideoInput())
        self._session = multimedia.QMediaCaptureSession()
        self._session.setCamera(self._camera)
        self._session.setVideoOutput(self._video)
        self._video.videoSink().videoFrameChanged.connect(self._on_frame)
        self.view.show()
        self._camera.start()
        return True

    def stop(self) -> None:
        if self._camera is None:
            return
        self._camera.stop()
        self._video.videoSink().videoFrameChanged.disconnect(self._on_frame)
        self._camera = None
        self._session = None
        self.view.hide()

    @Slot(object)
    def _on_frame(self, frame: Any) -> None:
        now = time.monotonic()
        if now - self._last_decode < DECODE_INTERVAL_S:
            return
        self._last_decode = now
        text = decode_qr(frame.toImage())
        if text is None:
            return
        last_text, seen_at = self._last_code
        self._last_code = (text, now)
        if text != last_text or now - seen_at > REPEAT_AFTER_S:
            self.code_read.emit(text)
