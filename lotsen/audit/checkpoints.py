"""Signed checkpoints of the audit trail, kept outside the database (decision 0182).

A checkpoint states how many events the trail had and the hash of the last one,
signed with `AUDIT_CHAIN_KEY`. It is appended as one JSON line to a file under
`AUDIT_CHECKPOINT_DIR` and written to the log, so that deleting the newest rows,
or the whole table, is found by comparing the trail with what it once was.
"""

import hashlib
import hmac
import json
import os
from dataclasses import asdict, dataclass

from django.conf import settings

FILE_NAME = "checkpoints.jsonl"


@dataclass(frozen=True)
class Checkpoint:
    written_at: str
    count: int
    head_hash: str
    signature: str = ""

    def signed(self) -> "Checkpoint":
        return Checkpoint(self.written_at, self.count, self.head_hash, self._expected_signature())

    def is_authentic(self) -> bool:
        return hmac.compare_digest(self.signature, self._expected_signature())

    def _expected_signature(self) -> str:
        # The leading tag keeps a checkpoint's signature from ever passing as a chain hash.
        content = json.dumps(
            ["audit-checkpoint", self.written_at, self.count, self.head_hash],
            separators=(",", ":"),
        ).encode()
        return hmac.new(settings.AUDIT_CHAIN_KEY.encode(), content, hashlib.sha256).hexdigest()


def checkpoint_append(checkpoint: Checkpoint) -> None:
    """Append the checkpoint to the store and flush it to disk before returning."""
    folder = settings.AUDIT_CHECKPOINT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / FILE_NAME, "a", encoding="utf-8") as store:
        store.write(json.dumps(asdict(checkpoint), separators=(",", ":")) + "\n")
        store.flush()
        os.fsync(store.fileno())


def checkpoints_read() -> tuple[list[Checkpoint], list[str]]:
    """Return the authentic checkpoints, and a finding for every line that is not one."""
    path = settings.AUDIT_CHECKPOINT_DIR / FILE_NAME
    if not path.exists():
        return [], []
    checkpoints, findings = [], []
    with open(path, encoding="utf-8") as store:
        for number, line in enumerate(store, start=1):
            try:
                fields = json.loads(line)
                checkpoint = Checkpoint(
                    written_at=str(fields["written_at"]),
                    count=int(fields["count"]),
                    head_hash=str(fields["head_hash"]),
                    signature=str(fields["signature"]),
                )
            except (ValueError, TypeError, KeyError):
                findings.append(f"Line {number} of {path} is not a checkpoint.")
                continue
            if checkpoint.is_authentic():
                checkpoints.append(checkpoint)
            else:
                findings.append(f"The checkpoint on line {number} of {path} has a false signature.")
    return checkpoints, findings
