"""Pickup codes: the format, its size in a QR code, and the refusals, offline, with no store."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import qrcode
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from sync.pickup_codes import (
    BASE45_ALPHABET,
    CODE_LENGTH,
    PREFIX,
    PickupCodeRefused,
    PickupKey,
    RefusalReason,
    base45_decode,
    base45_encode,
    new_signing_key,
    private_key_from_pem,
    private_key_pem,
    public_key_of,
    read_pickup_code,
    sign_pickup_code,
)

EVENT = "0190a6e2-7c1d-7000-8000-00000000e001"
ORDER = "0190a6e2-7c1d-7000-8000-0000000000a1"
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PRIVATE = new_signing_key()
KEYS = {7: PickupKey(7, public_key_of(PRIVATE))}
CODE = sign_pickup_code(PRIVATE, 7, ORDER, EVENT, NOW + timedelta(days=30))


def reason(text: str, keys: dict[int, PickupKey] = KEYS, event: str = EVENT, now: datetime = NOW) -> RefusalReason:
    with pytest.raises(PickupCodeRefused) as refused:
        read_pickup_code(text, keys, event, now)
    return refused.value.reason


@pytest.mark.parametrize(
    ("data", "text"), [(b"AB", "BB8"), (b"Hello!!", "%69 VD92EX0"), (b"base-45", "UJCLQE7W581"), (b"ietf!", "QED8WEX0")]
)
def test_base45_follows_rfc_9285(data: bytes, text: str) -> None:
    assert base45_encode(data) == text
    assert base45_decode(text) == data


@pytest.mark.parametrize("text", ["GGW", "ZZZ", "A", "abc", "GG"])
def test_base45_refuses_what_no_encoder_makes(text: str) -> None:
    with pytest.raises(ValueError):
        base45_decode(text)


def test_a_code_reads_back_with_its_order_and_fits_qr_version_6_at_level_m() -> None:
    code = read_pickup_code(CODE, KEYS, EVENT, NOW)
    assert (code.order_id, code.key_id, code.recovered_from_layout) == (ORDER, 7, None)
    assert code.expires_at == NOW + timedelta(days=30)
    assert len(CODE) == CODE_LENGTH and CODE.startswith(PREFIX)
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(CODE)
    qr.make(fit=True)
    assert qr.version <= 6
    assert qr.data_list[0].mode == qrcode.util.MODE_ALPHA_NUM


def test_the_qr_image_reads_back_with_zxing() -> None:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4)
    qr.add_data(CODE)
    buffer = io.BytesIO()
    qr.make_image().save(buffer, format="PNG")
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(buffer.getvalue())))
    assert [result.text for result in results] == [CODE]
    assert read_pickup_code(results[0].text, KEYS, EVENT, NOW).order_id == ORDER


def test_refusals() -> None:
    other = new_signing_key()
    forged = sign_pickup_code(other, 7, ORDER, EVENT, NOW + timedelta(days=1))
    assert reason(forged) is RefusalReason.BAD_SIGNATURE
    assert reason(CODE, keys={}) is RefusalReason.UNKNOWN_KEY
    assert reason(CODE, keys={7: PickupKey(7, public_key_of(PRIVATE), revoked=True)}) is RefusalReason.REVOKED_KEY
    assert reason(CODE, event=str(uuid.uuid4())) is RefusalReason.OTHER_EVENT
    assert reason(CODE, now=NOW + timedelta(days=30, minutes=6)) is RefusalReason.EXPIRED
    assert read_pickup_code(CODE, KEYS, EVENT, NOW + timedelta(days=30, minutes=4)).order_id == ORDER
    assert reason(CODE[:-3]) is RefusalReason.DAMAGED
    assert reason("4006381333931") is RefusalReason.NOT_A_PICKUP_CODE
    assert reason("R1:A-000001:" + ORDER.upper()) is RefusalReason.NOT_A_PICKUP_CODE


def test_a_scanner_line_end_caps_lock_and_trailing_spaces_do_not_matter() -> None:
    assert read_pickup_code(CODE + "\r\n", KEYS, EVENT, NOW).order_id == ORDER
    assert read_pickup_code("  " + CODE + "   ", KEYS, EVENT, NOW).order_id == ORDER
    assert read_pickup_code(CODE.swapcase(), KEYS, EVENT, NOW).order_id == ORDER


@pytest.mark.parametrize(
    ("layout", "mangling"),
    [
        ("German", {"Y": "Z", "Z": "Y", "*": "(", "+": "`", "-": "ß", "/": "-", ":": "Ö"}),
        ("French", {"A": "Q", "Q": "A", "W": "Z", "Z": "W", "M": "?", ".": ":", ":": "M", "1": "&", "2": "é"}),
    ],
)
def test_a_code_typed_for_another_keyboard_layout_is_recovered_or_named(layout: str, mangling: dict[str, str]) -> None:
    full = {**mangling}
    if layout == "French":
        full.update({"3": '"', "4": "'", "5": "(", "6": "-", "7": "è", "8": "_", "9": "ç", "0": "à"})
        full.update({"$": "4", "%": "5", "*": "8", "-": ")", "/": "!"})
    mangled = "".join(full.get(char, char) for char in CODE)
    recovered = read_pickup_code(mangled, KEYS, EVENT, NOW)
    assert recovered.order_id == ORDER and layout in (recovered.recovered_from_layout or "")
    assert reason(mangled + "§") in (RefusalReason.MANGLED, RefusalReason.DAMAGED)


def test_the_private_key_file_round_trips() -> None:
    assert private_key_from_pem(private_key_pem(PRIVATE)) == PRIVATE
    with pytest.raises(ValueError):
        private_key_from_pem(b"-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_refused_with_a_reason_never_a_crash(text: str) -> None:
    with pytest.raises(PickupCodeRefused):
        read_pickup_code(text, KEYS, EVENT, NOW)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=BASE45_ALPHABET, min_size=CODE_LENGTH - 3, max_size=CODE_LENGTH - 3))
def test_the_reader_never_crashes_on_well_formed_noise(body: str) -> None:
    with pytest.raises(PickupCodeRefused):
        read_pickup_code(PREFIX + body, KEYS, EVENT, NOW)


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=CODE_LENGTH - 1), st.sampled_from(BASE45_ALPHABET))
def test_an_altered_code_is_never_accepted(position: int, replacement: str) -> None:
    if CODE[position] == replacement:
        return
    altered = CODE[:position] + replacement + CODE[position + 1 :]
    with pytest.raises(PickupCodeRefused):
        read_pickup_code(altered, KEYS, EVENT, NOW)
