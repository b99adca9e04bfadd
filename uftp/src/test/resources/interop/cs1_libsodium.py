#!/usr/bin/env python3
"""CS1 with real libsodium (PyNaCl), for the uftp module's interoperability test.

  cs1_libsodium.py open PUBLIC_KEY BODY_FILE    verify a Base64 signed body (crypto_sign_open);
                                                 print the inner message, exit 3 if it does not verify
  cs1_libsodium.py sign SEED_HEX MESSAGE_FILE   sign (crypto_sign) with the key of a 32-byte seed; print JSON
                                                 with the public key, the private key and the Base64 body
  cs1_libsodium.py derive PRIVATE_KEY           print the CS1 public key of a CS1 private key (64 bytes:
                                                 seed, public key), as libsodium derives it from the seed
Keys are CS1 strings: "cs1." + Base64.
"""
import base64
import json
import sys

import nacl.exceptions
import nacl.signing


def raw(cs1):
    if not cs1.startswith("cs1."):
        raise SystemExit("not a CS1 key: " + cs1)
    return base64.b64decode(cs1[4:])


def main(argv):
    if len(argv) == 4 and argv[1] == "open":
        verify_key = nacl.signing.VerifyKey(raw(argv[2])[:32])
        with open(argv[3], "rb") as f:
            body = base64.b64decode(f.read())
        try:
            inner = verify_key.verify(body)
        except nacl.exceptions.BadSignatureError:
            print("BadSignatureError", file=sys.stderr)
            return 3
        sys.stdout.buffer.write(inner)
        return 0
    if len(argv) == 4 and argv[1] == "sign":
        signing_key = nacl.signing.SigningKey(bytes.fromhex(argv[2]))
        with open(argv[3], "rb") as f:
            message = f.read()
        signed = signing_key.sign(message)
        sk = bytes(signing_key) + bytes(signing_key.verify_key)
        print(json.dumps({
            "publicKey": "cs1." + base64.b64encode(bytes(signing_key.verify_key)).decode(),
            "privateKey": "cs1." + base64.b64encode(sk).decode(),
            "body": base64.b64encode(bytes(signed)).decode(),
        }))
        return 0
    if len(argv) == 3 and argv[1] == "derive":
        sk = raw(argv[2])
        verify_key = nacl.signing.SigningKey(sk[:32]).verify_key
        print("cs1." + base64.b64encode(bytes(verify_key)).decode())
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
