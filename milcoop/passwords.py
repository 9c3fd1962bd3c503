"""Password hashing with the standard library's scrypt (no extra dependency).

A hash is stored as ``scrypt$N$r$p$<salt hex>$<key hex>``: the cost
parameters travel with it, so they can be raised without breaking stored
hashes (``needs_rehash`` tells the sign-in to re-hash an old one). Each
password gets its own 16-byte random salt; checking compares keys in
constant time (``hmac.compare_digest``).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

# OWASP's recommended scrypt cost for interactive sign-in (Password Storage Cheat Sheet):
# N=2^17, r=8, p=1, i.e. 128 MiB and a few hundred ms per hash.
N, R, P = 2 ** 17, 8, 1
DKLEN = 32
PREFIX = "scrypt"
# Refused before hashing: scrypt's cost does not depend on the length, but nobody's password is this long.
MAX_LENGTH = 1024


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=DKLEN,
                          maxmem=128 * r * (n + p + 2) + 1024 * 1024)


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password`` in the format of this module's docstring."""
    if not password:
        raise ValueError("the password must not be empty")
    if len(password) > MAX_LENGTH:
        raise ValueError(f"the password must be at most {MAX_LENGTH} characters")
    salt = secrets.token_bytes(16)
    key = _derive(password, salt, N, R, P)
    return f"{PREFIX}${N}${R}${P}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches ``stored`` (constant-time; False on any malformed hash)."""
    try:
        prefix, n, r, p, salt, key = stored.split("$")
        if prefix != PREFIX:
            return False
        derived = _derive(password, bytes.fromhex(salt), int(n), int(r), int(p))
    except (ValueError, TypeError, OverflowError, MemoryError):
        return False
    return hmac.compare_digest(derived, bytes.fromhex(key))


def needs_rehash(stored: str) -> bool:
    """Whether ``stored`` was made with other cost parameters than today's (re-hash it at the next sign-in)."""
    try:
        prefix, n, r, p, _salt, _key = stored.split("$")
        return prefix != PREFIX or (int(n), int(r), int(p)) != (N, R, P)
    except ValueError:
        return True


# Checked when the user does not exist, so that a wrong username costs as much time as a wrong
# password (no user enumeration by timing). A fixed hash of a random password nobody kept: a
# constant, so importing this module costs nothing.
DUMMY_HASH = ("scrypt$131072$8$1$2c4d0ac82c9e9d25684616bd2cf6871a$"
              "0f0e20d1a96c8c61b8d83016264e23530b8251c2b9b9c0978189fb40e7a68030")
