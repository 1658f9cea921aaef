"""Key fingerprints: how a unit's public key is named on paper and in bag-info.

Definition: the fingerprint is SHA-256 of the raw 32-byte Ed25519 public key, written as 64 uppercase
hex digits (the *full* value, recorded in bag-info and the key file). People see the *display* form:
the first 16 bytes as 8 groups of 4 hex digits, e.g. ``3F2A 9C01 …`` — short enough to read aloud and
print on the stamped PDF cover, still 128 bits. Either form is accepted wherever a fingerprint is typed.
"""

from __future__ import annotations

import hashlib
import re

FULL_HEX = 64
DISPLAY_HEX = 32
_SEPARATORS = re.compile(r"[\s:\-_.]")


def fingerprint_of(public_raw: bytes) -> str:
    """The full fingerprint (64 uppercase hex digits) of a raw 32-byte public key."""
    if len(public_raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return hashlib.sha256(public_raw).hexdigest().upper()


def display_fingerprint(full: str) -> str:
    """The printed form: the first 16 bytes in groups of four hex digits."""
    short = full[:DISPLAY_HEX].upper()
    return " ".join(short[i : i + 4] for i in range(0, len(short), 4))


class Fingerprinted:
    """A key's holder (unlocked key, key file, remembered bureau key): shows its full fingerprint the printed way."""

    fingerprint: str  # full, 64 hex digits

    @property
    def fingerprint_display(self) -> str:
        """The fingerprint as printed on the PDF cover."""
        return display_fingerprint(self.fingerprint)


def normalize_fingerprint(text: str) -> str | None:
    """Typed fingerprint → bare uppercase hex, or None unless it is a full or display-length value."""
    bare = _SEPARATORS.sub("", text).upper()
    if len(bare) not in (FULL_HEX, DISPLAY_HEX) or not re.fullmatch(r"[0-9A-F]+", bare):
        return None
    return bare


def fingerprint_matches(expected: str, full: str) -> bool:
    """True when a typed fingerprint (full or display form) names the key whose full value is `full`."""
    bare = normalize_fingerprint(expected)
    return bare is not None and full.upper().startswith(bare)
