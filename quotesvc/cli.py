"""The ``quotesvc`` command: serve, extract, ingest, eval, db upgrade.

Each command imports what it needs when it runs, so ``quotesvc extract`` never
loads Flask or SQLAlchemy.
"""

from __future__ import annotations

import click

from quotesvc import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotesvc")
def cli() -> None:
    """Find quotations in news articles and say who said them."""


# --- extraction and evaluation -------------------------------------------------


@cli.command("extract")
@click.argument("source", required=False, default="-")
@click.option("--jsonl", "as_jsonl", is_flag=True,
              help="Read JSON lines {id, text, ...} and write one JSON line of results per document.")
def extract_cmd(source: str, as_jsonl: bool) -> None:
    """Extract quotes from SOURCE (a .txt file, a JSONL file with --jsonl, or - for stdin)."""
    from quotesvc import batch

    if as_jsonl:
        batch.run_jsonl(source)
    else:
        batch.print_listing(source)


@cli.command("eval")
@click.argument("gold")
@click.option("--pred", default=None, help="Score this prediction JSONL instead of running the extractor.")
@click.option("--kinds", type=click.Choice(["all", "quoted", "indirect"]), default=None,
              help="Score one group only (default: every group, one after the other).")
@click.option("--match", "how", type=click.Choice(["jaccard", "ggt"]), default="jaccard")
@click.option("--threshold", type=float, default=None)
@click.option("--errors", type=int, default=0, help="List up to N errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def eval_cmd(gold, pred, kinds, how, threshold, errors, as_json) -> None:
    """Score the extractor (or PRED) against a GOLD JSONL file."""
    from quotesvc import batch

    batch.run_eval(gold, pred, kinds, how, threshold, errors, as_json)


def main() -> None:
    """Run the command line."""
    cli()
