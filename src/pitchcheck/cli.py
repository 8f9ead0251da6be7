"""The ``pitchcheck`` command line: a thin layer over the public API.

Every command reads its options, calls one public function and prints. Exit codes,
like a linter: 0 relationship-building (or success), 1 direct selling (``check``),
2 usage or input error, 3 internal error (so a crash never reads as a pitch).
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ._files import read_text
from ._version import __version__
from .errors import InputError, PitchcheckError

app = typer.Typer(
    name="pitchcheck",
    help="Tell relationship-building messages from direct selling, with the evidence and advice.\n\n"
    'Example: pitchcheck check "Loved your talk! Open to a quick demo call this week?"',
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])
EXIT_SELLING, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3


def _console(stderr: bool = False) -> Console:
    """Rich output on a terminal; plain text, without a single escape code, otherwise.

    Plain when the output is not a terminal or ``NO_COLOR`` is set (to anything but "").
    Rich's own ``no_color`` drops only the colours and still writes bold, italic and
    underline codes, so plain means ``color_system=None``: no styles at all.
    """
    console = Console(stderr=stderr, highlight=False)
    if not console.is_terminal:
        return Console(stderr=stderr, color_system=None, no_color=True, highlight=False, width=120)
    if os.environ.get("NO_COLOR"):
        return Console(stderr=stderr, color_system=None, no_color=True, highlight=False)
    return console


def _fail(message: str, code: int) -> typer.Exit:
    print(f"pitchcheck: {message}", file=sys.stderr)
    return typer.Exit(code)


def _handle_errors(func: F) -> F:
    """Turn pitchcheck's errors into one line on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except PitchcheckError as exc:
            raise _fail(f"error: {exc}", EXIT_USAGE) from None
        except KeyboardInterrupt:
            raise _fail("interrupted", 130) from None
        except Exception as exc:  # the edge: nothing else may leak a traceback
            raise _fail(f"internal error: {type(exc).__name__}: {exc}", EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        print(f"pitchcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", help="Show the version and exit.", callback=_version, is_eager=True),
) -> None:
    """Tell relationship-building messages from direct selling, with the evidence and advice.

    Example: pitchcheck check "Loved your talk! Open to a quick demo call this week?"
    """


def _read_input(text: Optional[str], file: Optional[Path]) -> str:
    if text is not None and file is not None:
        raise InputError("give the text or --file, not both")
    if file is not None:
        return read_text(file)
    if text is None or text == "-":
        if text is None and sys.stdin.isatty():
            raise InputError("no text given: pass it as an argument, with --file, or on standard input")
        try:
            return sys.stdin.read()
        except UnicodeDecodeError:
            raise InputError("standard input is not UTF-8 text") from None
    return text


_SELLING_STYLE, _RELATION_STYLE = "bold red", "bold green"
#: Display limits for very long input (``--json`` always has everything).
MAX_SHOWN_CHARS, MAX_TABLE_ROWS, MAX_ADVICE = 3000, 25, 10


def _highlighted(result: Any) -> Text:
    text = Text(result.text)
    for sig in result.signals:
        if sig.family == "selling" and sig.weight > 0:
            text.stylize(_SELLING_STYLE, sig.start, sig.end)
        elif sig.family == "relationship" and sig.weight < 0:
            text.stylize(_RELATION_STYLE, sig.start, sig.end)
    return text


def _marked_plain(result: Any) -> str:
    """The text with selling phrases in [[...]] and relationship phrases in ((...))."""
    marks = []
    taken: set[int] = set()
    for sig in sorted(result.signals, key=lambda s: (s.start, -(s.end - s.start))):
        if sig.family == "focus" or any(i in taken for i in range(sig.start, sig.end)):
            continue
        if sig.family == "selling" and sig.weight > 0:
            marks.append((sig.start, sig.end, "[[", "]]"))
        elif sig.family == "relationship" and sig.weight < 0:
            marks.append((sig.start, sig.end, "((", "))"))
        else:
            continue
        taken.update(range(sig.start, sig.end))
    out, pos = [], 0
    for start, end, left, right in sorted(marks):
        out += [result.text[pos:start], left, result.text[start:end], right]
        pos = end
    out.append(result.text[pos:])
    return "".join(out)


def _render(result: Any, console: Console) -> None:
    fancy = console.color_system is not None  # styles reach the output (not NO_COLOR, a pipe or TERM=dumb)
    verdict = "DIRECT SELLING" if result.is_pitch else "RELATIONSHIP-BUILDING"
    style = _SELLING_STYLE if result.is_pitch else _RELATION_STYLE
    line = Text()
    line.append(verdict, style=style)
    line.append(f"  {100 * result.score:.0f}% direct selling (threshold {100 * result.threshold:.0f}%)")
    if result.borderline:
        line.append("  borderline: close to the threshold, read it yourself", style="yellow")
    console.print(line)
    if result.speaker:
        console.print(f"Checked only {result.speaker}'s turns.")
    segments = result.turns or result.sentences
    unit = "turn" if result.turns else "sentence"
    if result.pitch_start is not None and segments:
        seg = segments[result.pitch_start]
        who = f" ({seg.speaker})" if seg.speaker else ""
        console.print(f"The pitch starts in {unit} {seg.index + 1}{who}: {seg.text!r}", markup=False)
    if result.pitcher:
        console.print(f"Who pitches: {result.pitcher}", markup=False)
    for reason in result.low_evidence:
        console.print(f"Little evidence: {reason}; the verdict is less sure than the score suggests.", style="yellow", markup=False)
    for warning in result.warnings:
        console.print(f"Warning: {warning}", style="yellow", markup=False)
    console.print()
    body: Text | str = _highlighted(result) if fancy else _marked_plain(result)
    hidden = len(body) - MAX_SHOWN_CHARS
    if hidden > 0:
        body = body[:MAX_SHOWN_CHARS]
    if isinstance(body, Text):
        console.print(body)
    else:
        console.print(body, markup=False)
    if hidden > 0:
        console.print(f"(... {hidden:,} more characters not shown)", markup=False)
    if not fancy:
        console.print("(selling phrases in [[...]], relationship phrases in ((...)))", markup=False)
    shown = sorted((s for s in result.signals if s.family != "focus"), key=lambda s: -abs(s.weight))
    if len(shown) > MAX_TABLE_ROWS:
        console.print(f"({len(shown):,} signals; the {MAX_TABLE_ROWS} weightiest are shown, --json has all)", markup=False)
        shown = shown[:MAX_TABLE_ROWS]
    if shown:
        table = Table(title="Signals", box=None, show_edge=False, title_justify="left")
        for col in ("phrase", "kind", "weight", "habit"):
            table.add_column(col, justify="right" if col == "weight" else "left")
        for sig in shown:
            table.add_row(sig.text, sig.kind, f"{sig.weight:+.2f}", sig.habit, style="red" if sig.weight > 0 else "green")
        console.print()
        console.print(table)
    if result.focus:
        console.print(f"Focus: {result.focus['sender']} x I/we/my/our vs {result.focus['recipient']} x you/your ({result.focus['weight']:+.2f})", markup=False)
    if result.speakers:
        table = Table(title="Speakers", box=None, show_edge=False, title_justify="left")
        for col in ("speaker", "turns", "score", "reads as"):
            table.add_column(col)
        for sp in result.speakers:
            table.add_row(sp.name, str(sp.turns), f"{100 * sp.score:.0f}%", sp.label.replace("_", " "))
        console.print()
        console.print(table)
    if segments and len(segments) > 1:
        if len(segments) > MAX_TABLE_ROWS:
            console.print()
            console.print(f"({len(segments):,} {unit}s; the first {MAX_TABLE_ROWS} are shown, --json has all)", markup=False)
            segments = segments[:MAX_TABLE_ROWS]
        table = Table(title=f"{unit.capitalize()} scores", box=None, show_edge=False, title_justify="left")
        for col in ("#", "speaker" if result.turns else "", "score", "text"):
            if col:
                table.add_column(col)
        for seg in segments:
            cells = [str(seg.index + 1)] + ([seg.speaker or ""] if result.turns else []) + [f"{100 * seg.score:.0f}%", seg.text if len(seg.text) < 70 else seg.text[:67] + "..."]
            table.add_row(*cells)
        console.print()
        console.print(table)
    if result.advice:
        console.print()
        console.print("Advice:", style="bold")
        for item in result.advice[:MAX_ADVICE]:
            console.print(f"  - {item}", markup=False)
        if len(result.advice) > MAX_ADVICE:
            console.print(f"  ({len(result.advice) - MAX_ADVICE:,} more in --json)", markup=False)


@app.command()
@_handle_errors
def check(
    text: Optional[str] = typer.Argument(None, help="The message or conversation; '-' or a pipe reads standard input."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the text from this file."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A model file saved by pitchcheck (default: the shipped model)."),
    threshold: Optional[float] = typer.Option(None, "--threshold", "-t", help="Override the model's threshold (0-1)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as one JSON object."),
    conversation: bool = typer.Option(False, "--conversation", help="Read the text as a conversation ('Name: text' per line)."),
    message: bool = typer.Option(False, "--message", help="Read the text as a single message."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="In a conversation, check only this speaker's turns."),
) -> None:
    """Check one message or conversation: verdict, evidence, where the pitch is, advice.

    Exit code 0 means relationship-building, 1 direct selling, 2 bad input, 3 internal error.
    A text over 1,000,000 characters is analysed only up to there, with a warning.

    Example: pitchcheck check "Loved your post! We help teams like yours cut costs 40%. Open to a quick call?"
    """
    from .api import check as check_text

    if conversation and message:
        raise InputError("use --conversation or --message, not both")
    kind = "conversation" if conversation else "message" if message else None
    result = check_text(_read_input(text, file), model=model, threshold=threshold, kind=kind, speaker=speaker)
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _render(result, _console())
    raise typer.Exit(EXIT_SELLING if result.is_pitch else 0)


@app.command()
@_handle_errors
def batch(
    input: Path = typer.Argument(..., help="A .csv or .jsonl file with one message per row."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the results (.csv or .jsonl)."),
    text_column: str = typer.Option("text", "--text-column", help="The column (or JSON key) holding the text."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A model file saved by pitchcheck."),
    threshold: Optional[float] = typer.Option(None, "--threshold", "-t", help="Override the model's threshold (0-1)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes to use."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace the output file if it exists."),
) -> None:
    """Check every row of a CSV or JSON Lines file; keeps all columns and rows, in order.

    Adds pitchcheck_label, pitchcheck_score, pitchcheck_signals, pitchcheck_error and
    pitchcheck_warnings. Rows with empty text get an error, not a crash; a text over
    1,000,000 characters is analysed only up to there, with a warning on its row. The
    output is written atomically.

    Example: pitchcheck batch inbox.csv -o checked.csv --workers 2
    """
    from .batch import check_file

    console = _console(stderr=True)
    progress_cb = None
    bar = None
    if console.is_terminal:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        bar = Progress(SpinnerColumn(), TextColumn("{task.completed:,} rows checked"), TimeElapsedColumn(), console=console, transient=True)
        task = bar.add_task("batch", total=None)
        bar.start()

        def progress_cb(done: int) -> None:
            bar.update(task, completed=done)

    try:
        summary = check_file(input, output, text_column=text_column, model=model, threshold=threshold,
                             workers=workers, overwrite=overwrite, progress=progress_cb)
    finally:
        if bar is not None:
            bar.stop()
    labels = ", ".join(f"{k}: {v:,}" for k, v in sorted(summary.labels.items())) or "none"
    print(f"Checked {summary.rows:,} rows in {summary.seconds:.1f} s ({summary.rows_per_second:,.0f} rows/s) -> {summary.output}", file=sys.stderr)
    print(f"Labels: {labels}; rows with errors: {summary.errors:,}; rows with warnings: {summary.warnings:,}", file=sys.stderr)


@app.command()
@_handle_errors
def train(
    data: Optional[Path] = typer.Option(None, "--data", "-d", help="A labeled CSV with text,label (and optionally split); default: the shipped corpus."),
    output: Path = typer.Option(Path("models/pitchcheck.joblib"), "--output", "-o", help="Where to save the model (metadata and MODEL_CARD.md go beside it)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the folds (and of the 80/20 split for data without one)."),
    jobs: int = typer.Option(-1, "--jobs", "-j", help="Cross-validation folds fitted at once (-1: all cores); the model is the same whatever it is."),
) -> None:
    """Train a model: hyper-parameters and threshold by 5-fold CV on the train split.

    Example: pitchcheck train --data my_labeled.csv --output my-model.joblib
    """
    from .persistence import save_model
    from .training import train as train_model
    from .training import write_model_card

    model = train_model(data, seed=seed, n_jobs=jobs)
    path = save_model(model, output)
    card = write_model_card(model, path.with_name("MODEL_CARD.md"))
    report = model.training_report_
    cv = report["cv"]
    print(f"Chosen {report['chosen']}, threshold {report['threshold']:.2f}")
    print(f"Cross-validation (train): macro-F1 {cv['macro_f1']:.3f}, Brier {cv['brier']:.3f}, ECE {cv['ece']:.3f}")
    if report.get("test"):
        res = report["test"]["results"]["all"]
        print(f"Test split: macro-F1 {res['macro_f1']:.3f}, Brier {res['brier']:.3f}, ECE {res['ece']:.3f}")
    print(f"Saved {path} (+ {path.with_suffix('.json').name}, {card.name}) in {report['seconds']:.0f} s")


def _metrics_table(title: str, ev: Any) -> Table:
    table = Table(title=title, box=None, show_edge=False, title_justify="left")
    table.add_column("subset")
    table.add_column("n", justify="right")
    for col in ("accuracy", "P sell", "R sell", "F1 sell", "P rel", "R rel", "F1 rel", "macro-F1", "ROC-AUC", "Brier", "ECE"):
        table.add_column(col, justify="right")
    rows = [(name, res, "") for name, res in ev.results.items()]
    if ev.baseline:
        rows += [(f"{name} (baseline)", res, "") for name, res in ev.baseline.items()]
    for name, res, _ in rows:
        s, r = res["per_label"]["direct_selling"], res["per_label"]["relationship_building"]
        table.add_row(name, str(res["n"]), f"{res['accuracy']:.3f}", f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}", f"{res['macro_f1']:.3f}",
                      "n/a" if res["roc_auc"] is None else f"{res['roc_auc']:.3f}", f"{res['brier']:.3f}", f"{res['ece']:.3f}")
    return table


@app.command()
@_handle_errors
def evaluate(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A model file (default: the shipped model)."),
    data: Optional[Path] = typer.Option(None, "--data", "-d", help="A labeled CSV (default: the shipped corpus)."),
    split: str = typer.Option("test", "--split", help="Which split to score: test, train, or all."),
    baseline: bool = typer.Option(False, "--baseline", help="Add TF-IDF + LogisticRegression (C tuned by CV on the other rows)."),
    as_json: bool = typer.Option(False, "--json", help="Print the evaluation as JSON."),
) -> None:
    """Score a model on labeled data: per-label P/R/F1, macro-F1, ROC-AUC, Brier, ECE, confusion.

    Example: pitchcheck evaluate --baseline
    """
    from .evaluation import evaluate as evaluate_model

    if split not in ("test", "train", "all"):
        raise InputError(f"--split must be test, train or all, not {split!r}")
    ev = evaluate_model(model, data, split=None if split == "all" else split, baseline=baseline)
    if as_json:
        print(json.dumps(ev.to_dict(), indent=2))
        return
    console = _console()
    console.print(_metrics_table(f"Split: {ev.split}, threshold {ev.threshold:.2f}", ev))
    cm = ev.results["all"]["confusion_matrix"]
    console.print()
    console.print(f"Confusion matrix (rows true, columns predicted; {', '.join(cm['labels'])}):", markup=False)
    for label, row in zip(cm["labels"], cm["matrix"]):
        console.print(f"  {label:22s} {row}", markup=False)
    if ev.baseline_C is not None:
        console.print(f"Baseline C chosen by 5-fold CV: {ev.baseline_C:g}", markup=False)


@app.command()
@_handle_errors
def info(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A model file (default: the shipped model)."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Show versions, where pitchcheck's files are, and the model's metadata.

    Example: pitchcheck info --json
    """
    from .persistence import info as get_info

    data = get_info(model)
    if as_json:
        print(json.dumps(data, indent=2, default=str))
        return
    for name, version in data["versions"].items():
        print(f"{name:14s} {version}")
    for name, path in data["paths"].items():
        print(f"{name:14s} {path}")
    meta = data["model"]
    if meta is None:
        print("model          (no metadata found)")
        return
    print(f"model sha256   {meta['sha256']}")
    print(f"threshold      {meta['threshold']}")
    training = meta.get("training") or {}
    if training:
        print(f"trained on     {training.get('source')} ({training.get('n_train')} train / {training.get('n_test')} test)")
        test = (training.get("test") or {}).get("results", {}).get("all")
        if test:
            print(f"test macro-F1  {test['macro_f1']:.3f}")


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="pitchcheck")
    finally:
        # The command is done and the process is about to end. CPython runs one last full
        # collection at exit, over everything spaCy, scikit-learn and the model loaded
        # (~75 ms of a ~2 s `pitchcheck check`), though the operating system frees it all
        # anyway. Frozen objects (gc.freeze) are left out of that collection. Output is
        # written and files are closed by now; nothing here relies on a collection.
        gc.freeze()


if __name__ == "__main__":
    main()
