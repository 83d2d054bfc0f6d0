"""Check the certificate registry's log from outside, as any holder or relying party can (E15).

    python -m egov.certificates.verify --api https://api.egov.az \\
        --key 'egov.az/certificates+1a2b3c4d+AX…' --serial 0A1B… --since 17

verifies the newest signed checkpoint, the inclusion proof of each certificate's latest record
(and, where the leaf is published, that it is this certificate's), and the consistency of the log
since an earlier tree size. Pin the registry's key with `--key`; without it the key is fetched
from the API, which only proves the log is self-consistent. The exit status is 0 when every
check passed.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from typing import Any

import httpx

from egov.certificates import merkle
from egov.certificates.note import Checkpoint, NoteError, Verifier


def _b64(values: list[str]) -> list[bytes]:
    return [base64.b64decode(v) for v in values]


def signed_checkpoint(note: str, verifier: Verifier) -> Checkpoint:
    """The checkpoint in a signed note, if the registry key signed it (NoteError otherwise)."""
    checkpoint = Checkpoint.parse(verifier.verify(note))
    if checkpoint.origin != verifier.name:
        raise NoteError("checkpoint of another log")
    return checkpoint


def check_inclusion(proof: dict[str, Any], verifier: Verifier) -> list[str]:
    """What is wrong with an inclusion proof answer (empty when it verifies)."""
    try:
        checkpoint = signed_checkpoint(proof["checkpoint"], verifier)
    except NoteError as bad:
        return [f"checkpoint: {bad}"]
    failures = []
    if checkpoint.size != proof["treeSize"]:
        failures.append("the proof is not for the checkpoint's tree size")
    leaf = base64.b64decode(proof["leafHash"])
    if proof.get("leaf") is not None:
        if merkle.leaf_hash(proof["leaf"].encode()) != leaf:
            failures.append("the published leaf does not hash to the logged leaf")
        elif json.loads(proof["leaf"]).get("serial") != proof["serial"]:
            failures.append("the published leaf is of another certificate")
    if not merkle.verify_inclusion(
        proof["leafIndex"], checkpoint.size, leaf, _b64(proof["hashes"]), checkpoint.root
    ):
        failures.append("the inclusion proof does not lead to the signed root")
    return failures


def check_consistency(proof: dict[str, Any], verifier: Verifier) -> list[str]:
    try:
        old = signed_checkpoint(proof["fromCheckpoint"], verifier)
        new = signed_checkpoint(proof["toCheckpoint"], verifier)
    except NoteError as bad:
        return [f"checkpoint: {bad}"]
    if (old.size, new.size) != (proof["from"], proof["to"]):
        return ["the proof is not for the checkpoints' tree sizes"]
    if not merkle.verify_consistency(old.size, new.size, _b64(proof["hashes"]), old.root, new.root):
        return ["the older tree is not a prefix of the newer one"]
    return []


def run(http: httpx.Client, vkey: str | None, serials: list[str], since: int | None) -> int:
    if vkey is None:
        vkey = http.get("/certificates/log/key").raise_for_status().json()["vkey"]
        print(f"warning: trusting the key the API gave ({vkey}); pin it with --key")
    verifier = Verifier.parse(vkey)
    failed = False

    def report(what: str, failures: list[str]) -> None:
        nonlocal failed
        failed = failed or bool(failures)
        print(f"{'FAIL' if failures else 'OK  '} {what}" + "".join(f"\n     {f}" for f in failures))

    note = http.get("/certificates/log/checkpoint").raise_for_status().text
    try:
        head = signed_checkpoint(note, verifier)
        report(f"checkpoint: {head.size} entries, signed by {verifier.name}", [])
    except NoteError as bad:
        report("checkpoint", [str(bad)])
    for serial in serials:
        response = http.get("/certificates/log/proof/inclusion", params={"serial": serial})
        if response.status_code != 200:
            report(f"inclusion of {serial}", [f"HTTP {response.status_code}: {response.text}"])
            continue
        proof = response.json()
        report(
            f"inclusion of {serial}: leaf {proof['leafIndex']} of {proof['treeSize']}",
            check_inclusion(proof, verifier),
        )
    if since is not None:
        response = http.get("/certificates/log/proof/consistency", params={"from": since})
        if response.status_code != 200:
            report(f"consistency since {since}", [f"HTTP {response.status_code}: {response.text}"])
        else:
            proof = response.json()
            report(
                f"consistency: {proof['from']} → {proof['to']}",
                check_consistency(proof, verifier),
            )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m egov.certificates.verify", description=__doc__)
    parser.add_argument("--api", required=True, help="base URL of the API")
    parser.add_argument("--key", help="the registry's verifier key (C2SP vkey) to trust")
    parser.add_argument("--serial", action="append", default=[], help="a certificate to prove")
    parser.add_argument("--since", type=int, help="a tree size seen before: prove consistency")
    args = parser.parse_args(argv)
    with httpx.Client(base_url=args.api, timeout=30) as http:
        return run(http, args.key, args.serial, args.since)


if __name__ == "__main__":
    sys.exit(main())
