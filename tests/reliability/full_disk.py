"""Run ``python -m service nightly`` with its output folder on a FULL file system (test helper).

Started as ``unshare --mount python full_disk.py OUT -- NIGHTLY ARGS...`` by test_digest_disk_full:
in its own mount namespace it mounts a small tmpfs on OUT, writes a "previous digest" there, fills
the rest with a filler file until the kernel answers ENOSPC, runs the nightly command, and prints
one JSON line: its exit code, the end of its stderr, and the files left in OUT with their contents.
The tmpfs disappears with the namespace.
"""
import json
import os
import subprocess
import sys

PREVIOUS = {name: f"previous {name}\n" for name in ("digest.md", "digest.html", "digest.json")}


def main() -> None:
    out, command = sys.argv[1], sys.argv[sys.argv.index("--") + 1 :]
    os.makedirs(out, exist_ok=True)
    subprocess.run(["mount", "--make-rprivate", "/"], check=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", out], check=True)
    for name, text in PREVIOUS.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    filled = 0
    try:
        with open(os.path.join(out, ".filler"), "wb", buffering=0) as handle:
            while True:
                filled += handle.write(b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == 28, exc  # ENOSPC: the file system is full now
    result = subprocess.run(command, capture_output=True, text=True, timeout=240)
    files = {}
    for name in sorted(os.listdir(out)):
        if name != ".filler":
            with open(os.path.join(out, name), encoding="utf-8", errors="replace") as handle:
                files[name] = handle.read()
    print(json.dumps({"returncode": result.returncode, "stderr": result.stderr[-4000:], "files": files, "filled": filled}))


if __name__ == "__main__":
    main()
