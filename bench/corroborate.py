"""Corroboration benchmark: time `corroborate` on N claims built from real news sentences.

    python bench/corroborate.py ../shared/eval/polnear/train/text --claims 10000 100000 1000000 [--jobs 2]

How the claims are built (the articles are read at run time, never copied into the project):
- every sentence of 6 words or more of every article under PATH is a base claim, in article order;
- claim i takes base sentence i mod B, so a base sentence recurs every B claims, each time in another
  document (N/B times: 37 times at 1M claims from PolNeAR train's 27k sentences);
- the first occurrence is the sentence as written; the next --copies occurrences (default 3) are
  reprints: 3 in 10 verbatim (syndication), the rest perturbed by 1 to 3 of: drop a word, swap two
  neighbouring words, change a figure (x0.5 to x2);
- later occurrences are rewrites, new claims in the corpus's own vocabulary: half of the words are
  replaced by words of other sentences, then perturbed as above. So each sentence has a bounded number of
  near-copies however large N, as in real news; `--copies 1000` makes every repeat a reprint instead
  (37 near-copies per sentence at 1M: a stress test where the output, the links, grows quadratically);
- documents hold 20 consecutive claims, get one of 60 outlets (or none) and a date in a 180-day span
  (so the 90-day window excludes some pairs);
- with --running-share S, a share S of the claims also report one running count (killed, palestinian):
  a figure as of its document's date whose value grows by about 50 a day, so every such claim is in one
  big frame (the stress case for linking successive values of a count, corroborate/matching.py);
- figures come from `audit.quantities.extract_quantities`; attributions are drawn from a small pool
  (outlet's own reporting, named people and organisations, anonymous sources relayed by outlets, party
  actors), shared between claims since corroboration only reads them.

Each N runs in its own process. Printed per N: seconds in `corroborate`, with the collector paused as
the pipeline runs it (building the claims is not timed), and the CPU seconds of its processes (steadier
than the seconds on a shared machine), candidate pairs scored per claim, links, statuses, and peak memory
(the process's peak RSS, and how much of it the stage added on top of the built claims).

With --jobs N the matching features of each document's claims are computed first on N processes, as
`audit scan --jobs N` computes them in its workers right after the analysis (`corroborate.stored.record`),
and `corroborate` reads them and scores its candidate pairs on N processes, as `audit scan --jobs N`
does; the seconds are then printed apart: features (wall clock, N processes), the stage reading them, and
their sum. Without --jobs the stage computes them itself, as one process does.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from datetime import date, timedelta
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import audit.corroborate as stage  # noqa: E402
from audit.corroborate.features import vocabulary  # noqa: E402
from audit.corroborate.stored import StoredFeatures, record  # noqa: E402
from audit.gcpause import gc_paused  # noqa: E402
from audit.models import Anonymity, Attribution, Claim, Document, MetaValue, Quantity  # noqa: E402
from audit.quantities import extract_quantities  # noqa: E402
from audit.registry import Registry  # noqa: E402
from audit.segment import segment  # noqa: E402

CLAIMS_PER_DOCUMENT = 20
OUTLETS = [None] + [f"Outlet {i}" for i in range(59)]
DAYS = 180
FIRST_DAY = date(2016, 1, 1)
VERBATIM_SHARE = 0.3


def base_sentences(folder: Path) -> list[str]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s in segment(text, [(0, len(text))]):
            sentence = " ".join(text[s.start:s.end].split())
            if len(sentence.split()) >= 6:
                out.append(sentence)
    return out


def attribution_pool() -> list[Attribution]:
    pool = [Attribution()] * 6                                        # the outlet's own reporting
    for name in ("Donald Trump", "Hillary Clinton", "a campaign aide", "Reince Priebus", "Bernie Sanders"):
        pool.append(Attribution(kind="named_person", source=name))
    for org in ("Hamas", "Al-Qassam Brigades", "Israel Defense Forces", "Addameer", "the FBI"):
        pool.append(Attribution(kind="named_org", source=org, actor=org if org[0].isupper() else None))
    for outlet in ("CNN", "The New York Times", "Al Jazeera", "Reuters"):
        pool.append(Attribution(kind="anonymous", source="a senior official", via=[outlet],
                                anonymity=Anonymity("a senior official", role_given=True)))
        pool.append(Attribution(kind="outlet", source=outlet))
    pool.append(Attribution(kind="anonymous", source="sources", anonymity=Anonymity("sources", plural=True)))
    return pool


def perturb(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        if op < 0.4 and len(words) > 6:
            del words[rng.randrange(len(words))]
        elif op < 0.8 and len(words) > 2:
            j = rng.randrange(len(words) - 1)
            words[j], words[j + 1] = words[j + 1], words[j]
        else:
            numbers = [j for j, w in enumerate(words) if w.strip(",.").replace(",", "").isdigit()]
            if numbers:
                j = rng.choice(numbers)
                value = int(words[j].strip(",.").replace(",", ""))
                words[j] = str(max(1, round(value * rng.uniform(0.5, 2.0))))
    return " ".join(words)


def rewrite(sentence: str, vocabulary: list[str], rng: random.Random) -> str:
    words = sentence.split()
    for j in rng.sample(range(len(words)), len(words) // 2):
        words[j] = rng.choice(vocabulary)
    return " ".join(words)


def running_count(published: date, rng: random.Random) -> Quantity:
    """A report of one running count, as of `published`: about 50 more each day, give or take."""
    value = float(1000 + 50 * (published - FIRST_DAY).days + rng.randrange(-100, 100))
    return Quantity(f"{value:,.0f}", 0, 0, value, value, "palestinians", role="killed", measure="killed",
                    population="palestinian", scope="gaza", as_of=published.isoformat(), tally="running_total")


def build(sentences: list[str], n: int, copies: int, running: float = 0.0) -> tuple[list[Claim], dict[str, Document]]:
    rng = random.Random(n)
    vocabulary = [w for s in sentences[:5000] for w in s.split()]
    pool = attribution_pool()
    base_figures = {}
    documents: dict[str, Document] = {}
    claims = []
    for i in range(n):
        d = i // CLAIMS_PER_DOCUMENT
        doc_id = f"doc{d}"
        published = FIRST_DAY + timedelta(days=d * 7919 % DAYS)
        if doc_id not in documents:
            meta = {"published": MetaValue(published.isoformat(), "bench")}
            outlet = OUTLETS[d * 31 % len(OUTLETS)]
            if outlet:
                meta["outlet"] = MetaValue(outlet, "bench")
            documents[doc_id] = Document(id=doc_id, path=f"{doc_id}.txt", sha256="", text="", meta=meta)
        b, occurrence = i % len(sentences), i // len(sentences)
        text = sentences[b]
        if occurrence > copies:
            text = perturb(rewrite(text, vocabulary, rng), rng)
        elif occurrence and rng.random() >= VERBATIM_SHARE:
            text = perturb(text, rng)
        if text is sentences[b]:
            if b not in base_figures:
                base_figures[b] = extract_quantities(text)
            figures = base_figures[b]
        else:
            figures = extract_quantities(text)
        if running and rng.random() < running:
            figures = [*figures, running_count(published, rng)]
        index = i % CLAIMS_PER_DOCUMENT
        claims.append(Claim(id=f"{doc_id}#{index}", document=doc_id, text=text, start=0, end=len(text), line=1,
                            col=1, index=index, quantities=list(figures), attribution=pool[(i * 7 + b) % len(pool)]))
    return claims, documents


def cpu_seconds() -> float:
    """CPU seconds of this process and of its ended processes (the pools', once joined)."""
    own, ended = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + ended.ru_utime + ended.ru_stime


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


class CountingMatcher(stage.Matcher):
    """The stage's matcher, remembered so the benchmark can read how many pairs it scored."""
    last: CountingMatcher | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        CountingMatcher.last = self


_CLAIMS: list[Claim] = []      # the claims the feature processes read (inherited at fork, not sent)


def _records(span: range) -> list[tuple[str, bytes] | None]:
    """The features records of the documents whose claims start at each index of `span`."""
    vocab = vocabulary()
    with gc_paused():                   # as the pipeline's workers: else collections scan the inherited claims
        return [record(vocab, _CLAIMS[i:i + CLAIMS_PER_DOCUMENT]) for i in span]


def featurised(claims: list[Claim], jobs: int) -> dict[str, bytes]:
    """Each document's features record, by digest of its inputs, computed on `jobs` processes."""
    _CLAIMS[:] = claims
    starts = range(0, len(claims), CLAIMS_PER_DOCUMENT)
    step = max(1, len(starts) // (jobs * 8))
    with get_context("fork").Pool(jobs) as pool:
        found = pool.map(_records, [starts[i:i + step] for i in range(0, len(starts), step)])
    _CLAIMS.clear()
    return dict(r for records in found for r in records if r)


def run_one(sentences: list[str], n: int, copies: int, running: float, jobs: int | None, out: Connection) -> None:
    registry = Registry.load()
    started = time.perf_counter()
    claims, documents = build(sentences, n, copies, running)
    built = time.perf_counter() - started
    before = rss_mib()
    stage.Matcher = CountingMatcher
    started, cpu_started = time.perf_counter(), cpu_seconds()
    stored = StoredFeatures(None, "bench", featurised(claims, jobs)) if jobs else None
    features, features_cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    with gc_paused():                   # as the pipeline runs the stage
        stage.corroborate(claims, documents, registry, stored=stored, jobs=jobs or 1)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.send({"n": n, "build": built, "seconds": seconds, "cpu": cpu, "features": features,
              "features_cpu": features_cpu, "scored": CountingMatcher.last.scored,
              "links": sum(len(c.corroboration.links) for c in claims), "read": stored.read if stored else 0,
              "statuses": Counter(c.corroboration.status for c in claims), "peak": peak, "stage": peak - before})


def measure(sentences: list[str], n: int, copies: int = 3, running: float = 0.0, jobs: int | None = None) -> dict:
    """`run_one` in a process of its own (which may start the feature processes)."""
    context = get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=run_one, args=(sentences, n, copies, running, jobs, sending))
    process.start()
    result = receiving.recv()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder of .txt articles, e.g. ../shared/eval/polnear/train/text")
    parser.add_argument("--claims", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--copies", type=int, default=3, help="near-copies of each sentence before rewrites")
    parser.add_argument("--running-share", type=float, default=0.0,
                        help="share of claims that also report one running count (one big frame)")
    parser.add_argument("--jobs", type=int, help="compute the features, then score the pairs, on this many processes")
    args = parser.parse_args()
    sentences = base_sentences(args.folder)
    if not sentences:
        sys.exit(f"no sentences in {args.folder}/*.txt")
    print(f"{len(sentences)} base sentences from {args.folder}")
    print(f"{'claims':>9} {'build s':>8} {'stage s':>8} {'CPU s':>6} {'us/claim':>8} {'pairs/claim':>11} {'links':>9} "
          f"{'peak MiB':>8} {'stage MiB':>9}  statuses")
    for n in args.claims:
        r = measure(sentences, n, args.copies, args.running_share, args.jobs)
        statuses = ", ".join(f"{k} {v}" for k, v in r["statuses"].most_common())
        print(f"{r['n']:>9,} {r['build']:>8.1f} {r['seconds']:>8.1f} {r['cpu']:>6.1f} "
              f"{1e6 * r['seconds'] / r['n']:>8.0f} "
              f"{r['scored'] / r['n']:>11.1f} {r['links']:>9,} {r['peak']:>8.0f} {r['stage']:>9.0f}  {statuses}",
              flush=True)
        if args.jobs:
            print(f"{'':>9} of which features on {args.jobs} processes {r['features']:.1f} s "
                  f"(CPU {r['features_cpu']:.1f} s), the stage reading them {r['seconds'] - r['features']:.1f} s "
                  f"(CPU {r['cpu'] - r['features_cpu']:.1f} s; {r['read']:,} claims' features read)", flush=True)


if __name__ == "__main__":
    main()
