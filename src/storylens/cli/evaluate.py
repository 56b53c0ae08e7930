"""`storylens evaluate OUTPUT.json GOLD`: score the events of a run against gold labels."""

from __future__ import annotations

import json

import click

from ..errors import StorylensError
from ..evaluate.gold import evaluate_output


@click.command("evaluate")
@click.argument("output", type=click.Path(exists=True, dir_okay=False))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
def command(output: str, gold: str, as_json: bool) -> None:
    """Score OUTPUT's events against GOLD (JSONL {"doc", "label"} lines, or CSV doc,label).

    Prints B-cubed, MUC, CEAF-e and CoNLL F1 and the adjusted Rand index.
    """
    try:
        result = evaluate_output(output, gold)
    except StorylensError as exc:
        raise click.ClickException(str(exc)) from exc
    s = result.scores
    if as_json:
        click.echo(
            json.dumps({**s.as_dict(), "matched": result.matched, "missing": result.missing})
        )
        return
    click.echo(
        f"articles scored: {result.matched} (gold events {s.n_gold}, predicted {s.n_response})"
    )
    if result.missing:
        click.echo(
            f"gold articles not in the output: {len(result.missing)} "
            f"(e.g. {', '.join(result.missing[:3])})"
        )
    click.echo(f"{'metric':<8} {'P':>6} {'R':>6} {'F1':>6}")
    for name, prf in (("B-cubed", s.bcubed), ("MUC", s.muc), ("CEAF-e", s.ceafe)):
        click.echo(
            f"{name:<8} {100 * prf.precision:6.1f} {100 * prf.recall:6.1f} {100 * prf.f1:6.1f}"
        )
    click.echo(f"CoNLL F1 {100 * s.conll_f1:.1f}   ARI {s.ari:.3f}")
