"""Matching at national scale: ranked suggestions and the exact batch assignment.

Generates a synthetic Sweden (22,000 openings of which 20,000 open, in all 290
municipalities, and 5,000 waiting participants), then prints:

- ranked suggestions for one participant over every opening: median and 95th
  percentile over 200 participants (target: under 50 ms and 150 ms);
- the batch assignment of 2,000 participants over 5,000 openings (target: under 10 s),
  its total score against the greedy baseline on the same candidates;
- the whole country in one batch: every waiting participant over every open opening
  (about 3 million feasible pairs; target: under 5 s, decision 0201), with the time the
  reference evaluation of the whole table of pairs (the batch's way before 0201) takes
  to find the same pairs in the same run, as the baseline;
- optimality: each batch's total equals the linear-relaxation bound of HiGHS on its
  instance, the national batch's pairs and scores equal the reference evaluation's bit
  for bit, and a second exact method (SciPy's dense linear_sum_assignment) agrees on a
  smaller instance.

Run: ``python bench/matching.py`` (or ``make bench``). The last line is
``RESULT suggest_p50_ms=… suggest_p95_ms=… batch_s=… batch_vs_greedy=… national_batch_s=…
national_reference_s=… optimal=yes|no``.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lotsen.core.reference_data import read_rows
from lotsen.matching import assignment
from lotsen.matching.engine import Matcher, Opening, Participant

SEED = 20261127
OPEN_OPENINGS = 20_000
OTHER_OPENINGS = 2_000  # paused or closed, so the status rule has work to do
PARTICIPANTS = 5_000
SUGGESTION_SAMPLE = 200
BATCH_PARTICIPANTS, BATCH_OPENINGS = 2_000, 5_000
CHECK_PARTICIPANTS, CHECK_OPENINGS = 300, 600
TOLERANCE = 1e-6

ADAPTATIONS = {
    # code: (share of openings offering it, share of participants needing it)
    "quiet_place": (0.50, 0.15),
    "flexible_hours": (0.60, 0.20),
    "part_time_start": (0.70, 0.25),
    "physical_adaptation": (0.30, 0.08),
    "written_instructions": (0.50, 0.12),
    "language_support": (0.30, 0.08),
    "rest_area": (0.40, 0.08),
    "job_coach": (0.25, 0.05),
}
LANGUAGES = {
    # code: (share of openings, share of participants)
    "sv": (0.98, 0.80),
    "en": (0.60, 0.40),
    "fi": (0.10, 0.05),
    "ar": (0.08, 0.10),
    "so": (0.05, 0.06),
    "fa": (0.05, 0.05),
    "ti": (0.03, 0.04),
    "se": (0.02, 0.01),
}
# Industries and occupations typical of work-integrating social enterprises, weighted.
SNI_DIVISIONS = {
    "81": 8,
    "56": 7,
    "47": 7,
    "88": 5,
    "16": 3,
    "38": 3,
    "45": 2,
    "01": 2,
    "10": 2,
    "96": 2,
    "49": 2,
    "55": 2,
    "02": 1,
    "43": 2,
    "95": 1,
    "85": 1,
}
SSYK_MAJORS = {"5": 5, "9": 5, "7": 3, "8": 2, "4": 2, "6": 1, "3": 1}


class Classification:
    """Codes of one classification by level and by top-level group, to draw from."""

    def __init__(self, filename: str, groups: dict[str, int], rng: np.random.Generator) -> None:
        rows = read_rows(filename)
        parent = {row["code"]: row["parent"] for row in rows}
        self.rng = rng
        self.groups = list(groups)
        self.group_weights = np.array(list(groups.values()), float)
        self.group_weights /= self.group_weights.sum()
        self.by_group_and_depth: dict[tuple[str, int], list[str]] = defaultdict(list)
        for code in parent:
            path = [code]
            while parent.get(path[-1]):
                path.append(parent[path[-1]])
            for group in groups:
                if group in path:
                    depth_below = path.index(group)
                    self.by_group_and_depth[(group, depth_below)].append(code)

    def draw(self, depth_below_group: int) -> str:
        group = self.groups[self.rng.choice(len(self.groups), p=self.group_weights)]
        codes = self.by_group_and_depth[(group, depth_below_group)] or [group]
        return codes[self.rng.integers(len(codes))]


def _codes_with(rng: np.random.Generator, shares: dict[str, float]) -> frozenset[str]:
    return frozenset(code for code, share in shares.items() if rng.random() < share)


def generate(rng: np.random.Generator) -> tuple[list[Participant], list[Opening], list[str]]:
    municipalities = read_rows("municipalities.csv")
    codes = [row["code"] for row in municipalities]
    centroid = np.array([(float(row["lat"]), float(row["lon"])) for row in municipalities])
    # Sizes vary over two orders of magnitude, as Sweden's municipalities do.
    size = rng.lognormal(0.0, 1.1, len(codes))
    size /= size.sum()
    sni = Classification("sni2007.csv", SNI_DIVISIONS, rng)
    ssyk = Classification("ssyk2012.csv", SSYK_MAJORS, rng)

    def place(m: int, address_share: float) -> tuple[float, float]:
        if rng.random() < address_share:
            return (
                float(np.clip(centroid[m, 0] + rng.normal(0, 0.12), 55.3, 69.0)),
                float(np.clip(centroid[m, 1] + rng.normal(0, 0.25), 11.0, 24.1)),
            )
        return float(centroid[m, 0]), float(centroid[m, 1])

    total = OPEN_OPENINGS + OTHER_OPENINGS
    # Every municipality has some openings; the rest follow size.
    per_municipality = 5 + rng.multinomial(total - 5 * len(codes), size)
    openings: list[Opening] = []
    enterprise_count = 0
    for m, count in enumerate(per_municipality):
        enterprises = max(1, int(count) // 3)
        placements = rng.poisson(1.5, enterprises)
        for _ in range(count):
            enterprise = int(rng.integers(enterprises))
            hours_min = float(rng.choice([4, 8, 10, 15, 20], p=[0.1, 0.2, 0.3, 0.25, 0.15]))
            lat, lon = place(m, 0.8)
            openings.append(
                Opening(
                    id=len(openings) + 1,
                    enterprise_id=enterprise_count + enterprise + 1,
                    lat=lat,
                    lon=lon,
                    municipality_code=codes[m],
                    hours_min=hours_min,
                    hours_max=min(40.0, hours_min + float(rng.choice([5, 10, 15, 20]))),
                    capacity_left=int(rng.choice([1, 2, 3, 4], p=[0.55, 0.25, 0.12, 0.08])),
                    is_open=True,
                    adaptations=_codes_with(rng, {k: v[0] for k, v in ADAPTATIONS.items()}),
                    languages=_codes_with(rng, {k: v[0] for k, v in LANGUAGES.items()})
                    or frozenset({"sv"}),
                    public_transport=rng.random() < 0.6,
                    supervisor_trained=rng.random() < 0.5,
                    sni=tuple(sni.draw(3) for _ in range(rng.integers(1, 3))),
                    ssyk=tuple(ssyk.draw(3) for _ in range(rng.integers(1, 3))),
                    enterprise_placements=int(placements[enterprise]),
                )
            )
        enterprise_count += enterprises
    closed = rng.choice(len(openings), OTHER_OPENINGS, replace=False)
    for position in closed:
        openings[position] = replace(openings[position], is_open=False)

    participants: list[Participant] = []
    homes = rng.choice(len(codes), PARTICIPANTS, p=size)
    for home in homes:
        located = rng.random() > 0.03
        lat, lon = place(int(home), 0.6) if located else (None, None)
        hours_min = float(rng.choice([5, 8, 10, 15, 20], p=[0.15, 0.2, 0.3, 0.2, 0.15]))
        participants.append(
            Participant(
                id=len(participants) + 1,
                lat=lat,
                lon=lon,
                hours_min=hours_min,
                hours_max=hours_min + float(rng.choice([0, 5, 10, 15], p=[0.2, 0.4, 0.3, 0.1])),
                needed_adaptations=_codes_with(rng, {k: v[1] for k, v in ADAPTATIONS.items()}),
                languages=_codes_with(rng, {k: v[1] for k, v in LANGUAGES.items()})
                or frozenset({"en"}),
                needs_common_language=rng.random() < 0.95,
                has_car=rng.random() < 0.35,
                max_travel_km=None
                if rng.random() < 0.05
                else float(np.clip(rng.lognormal(np.log(30), 0.6), 5, 150)),
                interest_sni=tuple(
                    sni.draw(int(rng.choice(4, p=[0.5, 0.2, 0.15, 0.15])))
                    for _ in range(rng.choice(4, p=[0.15, 0.45, 0.3, 0.1]))
                ),
                interest_ssyk=tuple(
                    ssyk.draw(int(rng.choice(4, p=[0.3, 0.3, 0.2, 0.2])))
                    for _ in range(rng.choice(3, p=[0.3, 0.5, 0.2]))
                ),
                preferred_municipalities=frozenset({codes[home]})
                if rng.random() < 0.3
                else frozenset(),
                preferred_sni=(sni.draw(0),) if rng.random() < 0.2 else (),
            )
        )
    return participants, openings, codes


def exact_by_dense_assignment(candidates: assignment.Candidates) -> float:
    """A second exact method: SciPy's dense Jonker–Volgenant on the slot-expanded matrix."""
    p_count = candidates.participant_count
    slots = np.minimum(candidates.capacity, p_count)
    slot_opening = np.repeat(np.arange(candidates.opening_count), slots)
    value = np.full((p_count, candidates.opening_count), -np.inf)
    value[candidates.participant, candidates.opening] = candidates.score
    # Forbidden pairs cost more than leaving everyone out; each participant may stay out.
    matrix = np.concatenate((value[:, slot_opening], np.full((p_count, p_count), -np.inf)), axis=1)
    matrix[np.arange(p_count), len(slot_opening) + np.arange(p_count)] = 0.0
    matrix[np.isneginf(matrix)] = -(p_count + 1.0)
    rows, columns = linear_sum_assignment(matrix, maximize=True)
    return float(matrix[rows, columns].sum())


def bound_reached(candidates: assignment.Candidates, total: float, label: str) -> bool:
    """Whether `total` reaches the HiGHS linear-relaxation bound on the candidates, so no
    assignment of them scores more; printed after `label`."""
    started = time.perf_counter()
    bound = assignment.upper_bound(candidates)
    reached = total >= bound - TOLERANCE
    print(
        f"{label}: HiGHS relaxation bound {bound:.6f} vs total {total:.6f} "
        f"({'reached' if reached else 'NOT reached'}, {time.perf_counter() - started:.1f} s)"
    )
    return reached


def reference_candidates(matcher: Matcher) -> assignment.Candidates:
    """Every pair of the whole table checked and scored the plain way (before decision 0201)."""
    pairs = matcher._pairs
    openings = np.arange(len(matcher.openings))[None, :]
    found_p, found_o, found_score = [], [], []
    for start in range(0, len(matcher.participants), 128):
        block = np.arange(start, min(start + 128, len(matcher.participants)))
        rules, distance = pairs.rules(block[:, None], openings)
        rows, columns = np.nonzero(pairs.feasible(rules))
        found_p.append(block[rows])
        found_o.append(columns)
        found_score.append(pairs.scored(block[rows], columns, distance[rows, columns]))
    return assignment.Candidates(
        participant=np.concatenate(found_p),
        opening=np.concatenate(found_o),
        score=np.concatenate(found_score),
        capacity=pairs.capacity_left.copy(),
        participant_count=len(matcher.participants),
    )


def national_batch(
    participants: list[Participant], openings: list[Opening]
) -> tuple[float, float, bool]:
    """The whole country in one batch, timed step by step, and whether it is proven exact."""
    open_openings = [o for o in openings if o.is_open]
    cpu_started = time.process_time()
    started = time.perf_counter()
    matcher = Matcher(participants, open_openings)
    indexed = time.perf_counter()
    candidates = matcher.candidates()
    found = time.perf_counter()
    result = matcher.assign("optimal", candidates)
    finished = time.perf_counter()
    national_s = finished - started
    cpu_s = time.process_time() - cpu_started
    print(
        f"national batch {len(participants)} x {len(open_openings)}: "
        f"{len(candidates.score)} feasible pairs; {national_s:.2f} s (target 5 s): "
        f"index {indexed - started:.2f} s, candidates {found - indexed:.2f} s, "
        f"solve and explanations {finished - found:.2f} s; {cpu_s:.2f} s of processor time "
        f"(what other processes on the machine do not stretch); {len(result.suggestions)} placed, "
        f"total {result.total_score:.3f}"
    )
    started = time.perf_counter()
    reference = reference_candidates(matcher)
    reference_s = time.perf_counter() - started
    same = (
        np.array_equal(reference.participant, candidates.participant)
        and np.array_equal(reference.opening, candidates.opening)
        and np.array_equal(reference.score, candidates.score)
    )
    print(
        f"national batch: the reference evaluation of all {len(participants) * len(open_openings)} "
        f"pairs takes {reference_s:.2f} s to find the candidates "
        f"({found - indexed:.2f} s now, {reference_s / (found - indexed):.1f}x faster) and finds "
        f"{'the same pairs and scores, bit for bit' if same else 'DIFFERENT pairs or scores'}"
    )
    bound_ok = bound_reached(candidates, result.total_score, "optimality, national batch")
    return national_s, reference_s, same and bound_ok


def main() -> None:
    rng = np.random.default_rng(SEED)
    started = time.perf_counter()
    participants, openings, municipalities = generate(rng)
    open_count = sum(o.is_open for o in openings)
    print(
        f"data: {len(openings)} openings ({open_count} open) in "
        f"{len({o.municipality_code for o in openings})} of {len(municipalities)} municipalities, "
        f"{len(participants)} waiting participants "
        f"({sum(not p.has_location for p in participants)} without location), "
        f"generated in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    matcher = Matcher(participants, openings)
    print(f"index: {time.perf_counter() - started:.2f} s to index everyone (once per load)")

    sample = rng.choice(len(participants), SUGGESTION_SAMPLE, replace=False)
    timings, found = [], []
    matcher.suggest_openings(participants[0].id)  # warm caches
    for position in sample:
        started = time.perf_counter()
        suggestions = matcher.suggest_openings(participants[position].id, limit=10)
        timings.append((time.perf_counter() - started) * 1000)
        found.append(len(suggestions))
    p50, p95 = np.percentile(timings, 50), np.percentile(timings, 95)
    print(
        f"suggestions for one participant over {len(openings)} openings: "
        f"median {p50:.1f} ms, p95 {p95:.1f} ms (targets 50 / 150 ms); "
        f"participants with no feasible opening: {found.count(0)} of {SUGGESTION_SAMPLE}"
    )
    opening_timings = []
    for position in rng.choice(len(openings), 50, replace=False):
        started = time.perf_counter()
        matcher.suggest_participants(openings[position].id, limit=10)
        opening_timings.append((time.perf_counter() - started) * 1000)
    print(
        f"suggestions for one opening over {len(participants)} participants: "
        f"median {np.percentile(opening_timings, 50):.1f} ms"
    )

    open_positions = [i for i, o in enumerate(openings) if o.is_open]
    batch_openings = [openings[i] for i in rng.choice(open_positions, BATCH_OPENINGS, False)]
    batch_people = [participants[i] for i in rng.choice(PARTICIPANTS, BATCH_PARTICIPANTS, False)]
    started = time.perf_counter()
    batch = Matcher(batch_people, batch_openings)
    candidates = batch.candidates()
    optimal = batch.assign("optimal", candidates)
    batch_s = time.perf_counter() - started
    started = time.perf_counter()
    greedy = batch.assign("greedy", candidates)
    greedy_s = time.perf_counter() - started
    ratio = optimal.total_score / greedy.total_score if greedy.total_score else 1.0
    print(
        f"batch {BATCH_PARTICIPANTS} x {BATCH_OPENINGS}: {len(candidates.score)} feasible pairs; "
        f"optimal {batch_s:.2f} s (index, candidates, solve, explanations; target 10 s), "
        f"{len(optimal.suggestions)} placed, total {optimal.total_score:.3f}; "
        f"greedy {greedy_s:.2f} s on the same candidates, {len(greedy.suggestions)} placed, "
        f"total {greedy.total_score:.3f}; ratio {ratio:.4f}"
    )

    bound_ok = bound_reached(candidates, optimal.total_score, "optimality")
    small = Matcher(batch_people[:CHECK_PARTICIPANTS], batch_openings[:CHECK_OPENINGS])
    small_candidates = small.candidates()
    ours = assignment.total_score(small_candidates, assignment.solve_optimal(small_candidates))
    dense = exact_by_dense_assignment(small_candidates)
    dense_ok = abs(ours - dense) <= TOLERANCE
    print(
        f"optimality: {CHECK_PARTICIPANTS} x {CHECK_OPENINGS} dense linear_sum_assignment "
        f"{dense:.6f} vs sparse {ours:.6f} ({'equal' if dense_ok else 'DIFFERENT'})"
    )
    national_s, reference_s, national_ok = national_batch(participants, openings)
    is_optimal = (
        bound_ok
        and dense_ok
        and national_ok
        and optimal.total_score >= greedy.total_score - TOLERANCE
    )
    print(
        f"RESULT suggest_p50_ms={p50:.1f} suggest_p95_ms={p95:.1f} batch_s={batch_s:.2f} "
        f"batch_vs_greedy={ratio:.4f} national_batch_s={national_s:.2f} "
        f"national_reference_s={reference_s:.2f} optimal={'yes' if is_optimal else 'no'}"
    )


if __name__ == "__main__":
    main()
