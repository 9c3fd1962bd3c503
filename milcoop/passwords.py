"""Password hashing with the standard library's scrypt (no extra dependency).

A hash is stored as ``scrypt$N$r$p$<salt hex>$<key hex>``: the cost
parameters travel with it, so they can be raised later without breaking
stored hashes. Each password gets its own 16-byte random salt; checking
compares keys in constant time (``hmac.compare_digest``).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

N, R, P = 2 ** 14, 8, 1      # ~16 MiB and a few tens of ms per hash (OWASP's scrypt minimum is N=2^17 at r=8 for
DKLEN = 32                   # interactive logins on servers; raise N when the host allows: old hashes keep working)
PREFIX = "scrypt"


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=DKLEN,
                          maxmem=128 * r * (n + p + 2) + 1024 * 1024)


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password`` in the format of this module's docstring."""
    if not password:
        raise ValueError("the password must not be empty")
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
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, bytes.fromhex(key))


# A hash of a random password: checked when the user does not exist, so that a wrong
# username costs as much time as a wrong password (no user enumeration by timing).
DUMMY_HASH = hash_password(secrets.token_urlsafe(16))
