"""`audit eval ...`: measured accuracy on annotated corpora (wired in audit/cli.py with
`app.add_typer(eval_app, name="eval")`). Only typer and the shipped-data paths are imported here; the
pipeline loads inside commands."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..plainhelp import PlainHelpCommand
from .shipped import clean_passages, kind_label_files

eval_app = typer.Typer(
    help="Measure accuracy on annotated news: attribution (PolNeAR), source kinds, false alarms on clean text.",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)

@eval_app.callback()
def _eval() -> None:
    """Measure accuracy on annotated news."""


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


class KindsSplit(str, Enum):
    tune = "tune"
    heldout = "heldout"
    all = "all"


@eval_app.command("polnear", cls=PlainHelpCommand)
def polnear(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="PolNeAR folder: metadata.tsv and SPLIT/{text,attributions}.")],
    split: Annotated[str, typer.Option("--split", metavar="SPLIT", help="train or dev (the test split is not used).")] = "dev",
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", metavar="FORMAT", help="text or json.")] = EvalFormat.text,
    resamples: Annotated[int, typer.Option("--resamples", metavar="N", help="Bootstrap resamples over articles.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Bootstrap seed.")] = 20261122,
    kinds: Annotated[Optional[list[Path]], typer.Option(
        "--kinds", metavar="TSV", help="Hand-labelled source kinds (TSV); repeat to merge several files. Default: the "
                        "shipped polnear_sources.tsv, or every shipped polnear_sources*.tsv with --kinds-split. Labels may come from "
                        "train and dev.")] = None,
    kinds_split: Annotated[Optional[KindsSplit], typer.Option(
        "--kinds-split", metavar="SET", help="Score the kinds on the labels kept for tuning, on the held-out ones (never used "
                              "for tuning) or on all (tune, heldout or all); default: all rows of the --kinds files.")] = None,
    cue_model: Annotated[Optional[Path], typer.Option(
        "--cue-model", metavar="JSON", help="A learned cue tagger (bench/train_cue_tagger.py) tried on the sentences the "
                        "rules leave unattributed; default: the rules alone. None ships with the package.")] = None,
    clean: Annotated[Optional[Path], typer.Option(
        "--clean", metavar="DIR", help="Folder of clean, well-sourced passages for the false-alarm check; default: the "
                        "30 passages shipped with the package.")] = None,
) -> None:
    """Score attribution on a PolNeAR split with the real pipeline; add the source-kind and clean-text checks."""
    import json

    from audit.errors import AuditError
    from audit.pipeline import Auditor

    from .clean import false_alarms, render_clean
    from .kinds import evaluate_kinds, render_kinds
    from .polnear import evaluate, render_text

    if split == "test":
        raise AuditError("the PolNeAR test split is kept out of development: use --split dev or train")
    auditor = Auditor()
    if cue_model is not None:
        auditor.extractor.use_cue_model(cue_model)
    report = evaluate(folder, split, auditor, resamples=resamples, seed=seed)
    report["cue_model"] = str(cue_model) if cue_model is not None else None
    report["kinds"] = evaluate_kinds(folder, _kind_labels(kinds, kinds_split), auditor,
                                     use=kinds_split.value if kinds_split else "all")
    report["clean"] = false_alarms(clean or clean_passages(), auditor)
    if fmt is EvalFormat.json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    model = f"rules + learned cue model {cue_model}" if cue_model is not None else "rules only (no learned model)"
    typer.echo("\n\n".join((render_text(report), render_kinds(report["kinds"]), render_clean(report["clean"]), model)))


def _kind_labels(kinds: list[Path] | None, split: KindsSplit | None) -> list[Path]:
    """The label files to read: those given, else the default file (all files when a split is asked for)."""
    if kinds:
        return list(kinds)
    return kind_label_files(every=split is not None)
