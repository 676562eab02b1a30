"""Complaint dossier speed and memory.

    python bench/bench_report.py [--photos N] [--big N_EVENTS]

Builds, in a temporary folder: a 100-event case (the baseline), a 1,000-event case with 100
twelve-megapixel JPEGs (4000×3000, noisy so they compress like real photos, not like flat
colour) and a 5,000-event case.  Each dossier is built in its own subprocess so that its peak
memory (ru_maxrss) is its own.  Prints wall time, peak RSS, pages, size and volumes, and each
time as a ratio to the baseline measured in the same run.  Goals: 1,000 events + 100 photos
within the 10 MB budget in under 5 s; 5,000 events under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_photos(folder: Path, count: int) -> list[Path]:
    """Distinct 12-MP JPEGs: a smooth gradient plus Gaussian noise plus a unique block each."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    w, h = 4000, 3000
    noise = Image.effect_noise((w, h), 40)
    gradient = Image.linear_gradient("L").resize((w, h))
    base = Image.merge("RGB", (noise, gradient, Image.blend(noise, gradient, 0.5)))
    paths = []
    for i in range(count):
        im = base.copy()
        draw = ImageDraw.Draw(im)
        draw.rectangle((100 + 30 * i, 100, 400 + 30 * i, 400), fill=(i * 2 % 256, 255 - i, 40))
        path = folder / f"IMG_2024{(i % 12) + 1:02d}{(i % 28) + 1:02d}_1200{i:02d}.jpg"
        im.save(path, "JPEG", quality=85)
        paths.append(path)
    return paths


def setup(root: Path, photos: int, big: int) -> dict[str, tuple[str, int]]:
    from make_big_case import build

    from desktop_app.core.services.workspace import Workspace

    cases = {}
    for name, events in (("baseline", 100), ("photos", 1000), ("big", big)):
        data = root / name
        case_id, _ = build(data, events)
        cases[name] = (str(data), case_id)
    t0 = time.perf_counter()
    paths = make_photos(root / "photos-src", photos)
    made = time.perf_counter() - t0
    data, case_id = cases["photos"]
    with Workspace.open(data) as ws:
        events = ws.events.list(case_id)
        pending = ws.evidence.store_files(case_id, paths)
        for index, item in enumerate(pending):
            ws.evidence.record(case_id, [item], [events[index * 9].id], f"照片 {index + 1}")
    size = sum(p.stat().st_size for p in paths) / 1024 / 1024
    print(f"setup: {photos} photos 4000x3000 ({size:.0f} MB of JPEG) made in {made:.1f} s; "
          f"cases of 100, 1000 and {big} events", flush=True)
    return cases


def peak_rss_mb() -> float:
    """This process's own peak RSS.  VmHWM, not ru_maxrss: on Linux ru_maxrss survives execve, so
    a child would report its parent's peak (here: the parent that made the 12-MP photos)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(data: str, case_id: int, out: str) -> None:
    """In the subprocess: build one dossier and print its figures as JSON."""
    from desktop_app.core.report.common import ReportOptions, build_report
    from desktop_app.core.services.workspace import Workspace

    with Workspace.open(data) as ws:
        t0 = time.perf_counter()
        result = build_report(ws, case_id, ReportOptions(lang="zh_CN"), Path(out))
        seconds = time.perf_counter() - t0
    peak = peak_rss_mb()
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "pages": result.pages, "bytes": result.size,
                      "volumes": result.volumes}))


def measure(data: str, case_id: int, out: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--run", data, str(case_id), str(out)], capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--big", type=int, default=5000)
    parser.add_argument("--run", nargs=3, metavar=("DATA", "CASE", "OUT"))
    args = parser.parse_args()
    if args.run:
        run_one(args.run[0], int(args.run[1]), args.run[2])
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        root = Path(tmp)
        cases = setup(root, args.photos, args.big)
        rows = [
            ("100 events (baseline)", "baseline"),
            (f"1,000 events + {args.photos} photos, cold thumbnail cache", "photos"),
            (f"1,000 events + {args.photos} photos, warm cache", "photos"),
            (f"{args.big:,} events", "big"),
        ]
        base = None
        print(f"{'dossier (zh_CN, A4)':<48} {'time':>7} {'ratio':>6} {'peak RSS':>9} {'pages':>6} {'size':>8} vol")
        for label, key in rows:
            data, case_id = cases[key]
            fig = measure(data, case_id, root / f"{key}.pdf")
            base = base or fig["seconds"]
            print(f"{label:<48} {fig['seconds']:6.2f}s {fig['seconds'] / base:5.1f}x {fig['peak_mb']:7.0f}MB "
                  f"{fig['pages']:6d} {fig['bytes'] / 1024 / 1024:6.2f}MB {fig['volumes']:3d}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
