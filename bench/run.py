"""Run every benchmark in this folder and print their figures (load and backup apart)."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# What the benchmarks use (the stack, the journeys), and the load and backup proofs, which
# need PostgreSQL and Redis and run for many minutes, are run on their own (README.md).
APART = {"stack.py", "locustfile.py", "load.py", "backup.py"}

if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    scripts = sorted(
        path for path in HERE.glob("*.py") if path.name not in {Path(__file__).name, *APART}
    )
    if not scripts:
        print("No benchmarks yet.")
    for script in scripts:
        print(f"== {script.name}")
        runpy.run_path(str(script), run_name="__main__")
