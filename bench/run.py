"""Run every benchmark in this folder (every other .py file) and print their figures."""

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    scripts = sorted(path for path in HERE.glob("*.py") if path.name != Path(__file__).name)
    if not scripts:
        print("No benchmarks yet.")
    for script in scripts:
        print(f"== {script.name}")
        runpy.run_path(str(script), run_name="__main__")
