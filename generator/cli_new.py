"""``briefing new``: scaffold a claim, actor or figure in data/ (see :mod:`generator.editor.new`).

Like :mod:`generator.cli`, a module that prints and exits; it holds the scaffolding commands so
that the command line stays one module per concern.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from generator.console import basis_option, dry_run_option, echo, no_input_option, report_problems, root_option
from generator.errors import ValidationFailed


@click.group()
def new() -> None:
    """Scaffold a new claim, actor or figure in data/, checked before it is written.

    Without options, each command asks for what it needs. With options, it runs
    without prompting (add --no-input to fail instead of asking for a missing value).
    """


def _ask(value: Any, label: str, option: str, no_input: bool, **prompt: Any) -> Any:
    """``value`` when given; otherwise ask for it, or fail under --no-input."""
    if value is not None:
        return value
    if no_input:
        raise click.UsageError(f"{option} is required.")
    return click.prompt(label, **prompt)


def _optional(label: str, **prompt: Any) -> str | None:
    answer = click.prompt(label, default="", show_default=False, **prompt)
    return answer.strip() or None


def _plan_and_write(plan: Any, root: Path, request: Any, dry_run: bool) -> None:
    """Check a new record with ``plan``, then show it (--dry-run) or write it."""
    try:
        planned = plan(root, request)
    except ValidationFailed as failed:
        report_problems(failed, " Nothing was written.")
    _written(planned, dry_run, root)


def _written(planned: Any, dry_run: bool, root: Path) -> None:
    shown = planned.path.relative_to(root).as_posix()
    if dry_run:
        echo(f"Would write {shown}:\n")
        echo(planned.yaml)
        echo("Dry run: nothing was written.")
        return
    planned.write()
    echo(f"Wrote {shown}. Check the whole corpus with: briefing validate")


@new.command("claim")
@click.option("--source", metavar="SOURCE_ID", help="Id of the archived source the quote comes from.")
@click.option("--quote", help="The passage, copied verbatim from the archived text.")
@click.option("--actor", metavar="ACTOR_ID", help="Who made the claim: the origin, not the outlet relaying it. Suggested from names in the quote.")
@click.option("--stance", type=click.Choice(["asserts", "expects", "warns", "denies", "cannot-confirm"]), help="How the actor holds it.  [default: asserts]")
@click.option("--figure", metavar="FIGURE_ID", help="Id of the figure the value estimates.")
@click.option("--value", help='The value\'s words exactly as in the quote, such as "up to 15,000".')
@click.option("--hedge", help='The hedging words within --value, such as "up to".')
@click.option("--low", type=float, help="Lowest value the words allow. Set from --value when it is a plain number.")
@click.option("--high", type=float, help="Highest value the words allow. Set from --value when it is a plain number.")
@click.option("--approximate", is_flag=True, help='The words make the bounds soft ("about", "almost").')
@click.option("--value-note", help='How vague words became bounds, such as "low thousands read as 1,000 to 3,000".')
@click.option("--claimed-on", metavar="DATE", help="When the actor said it: YYYY-MM-DD or YYYY-MM. Left null (unknown) when not given.")
@basis_option("--claimed-on-basis")
@click.option("--claimed-on-note", help='How the date was worked out, such as "\\"on Thursday\\" before the 18 Oct article". Required when inferred.')
@click.option("--statement", help="One plain sentence saying what was claimed, for readers.")
@click.option(
    "--via",
    multiple=True,
    metavar="ACTOR_ID",
    help="Actor id of an intermediary between the actor and the source (The War Zone citing Budanov: the-war-zone). Repeatable, nearest the actor first.",
)
@click.option("--translation", help="The quote in English (or --translation-lang), for readers. Required when the quote is in another language.")
@click.option("--translation-lang", metavar="BCP47", default="en", show_default=True, help="Language of --translation.")
@click.option(
    "--translated-by",
    metavar="editors|SOURCE_ID",
    default="editors",
    show_default=True,
    help="editors for your own translation, or the id of the archived source of an outlet's published translation (checked word for word in it).",
)
@click.option("--tag", "tags", multiple=True, help="A topic tag. Repeatable.")
@click.option("--notes", help="Curation notes: judgement calls, caveats.")
@click.option("--id", "ident", help="The claim id. A free one is proposed when not given.")
@dry_run_option
@no_input_option
@root_option
def new_claim(
    source: str | None,
    quote: str | None,
    actor: str | None,
    stance: str | None,
    figure: str | None,
    value: str | None,
    hedge: str | None,
    low: float | None,
    high: float | None,
    approximate: bool,
    value_note: str | None,
    claimed_on: str | None,
    claimed_on_basis: str,
    claimed_on_note: str | None,
    statement: str | None,
    via: tuple[str, ...],
    translation: str | None,
    translation_lang: str,
    translated_by: str,
    tags: tuple[str, ...],
    notes: str | None,
    ident: str | None,
    dry_run: bool,
    no_input: bool,
    root: Path,
) -> None:
    """Scaffold data/claims/<id>.yml from a verbatim quote.

    The quote is verified against the archived text before anything else, and
    actors whose name or alias the quote mentions are suggested. A quote in another
    language than English needs --translation: your own (--translated-by editors),
    or an outlet's, checked word for word in its archived source (--translated-by SOURCE_ID).
    """
    from generator.data.rules import plain_number
    from generator.editor import new as scaffolding
    from generator.editor.records import Workspace

    interactive = not no_input and source is None and quote is None
    space = Workspace.read(root)
    source = _ask(source, "Source id", "--source", no_input, type=click.Choice(sorted(space.ids["sources"])), show_choices=False)
    quote = _ask(quote, "Quote (verbatim)", "--quote", no_input)
    scaffolding.verify_quote(space, source, quote)
    suggested = scaffolding.suggest_actors(space, quote)
    if actor is None and suggested:
        echo("The quote mentions: " + "; ".join(f'"{name}" ({ident})' for ident, name in suggested))
    if actor is None and no_input:
        hint = f" The quote mentions {suggested[0][0]}." if suggested else ""
        raise click.UsageError(f"--actor is required.{hint}")
    actor = _ask(actor, "Actor id", "--actor", no_input, default=suggested[0][0] if suggested else None)
    if interactive:
        stance = click.prompt("Stance", type=click.Choice(["asserts", "expects", "warns", "denies", "cannot-confirm"]), default="asserts")
        figure = _optional("Figure id (empty for none)")
        if figure:
            value = _optional("Value, as in the quote (empty for none)")
            if value and plain_number(value) is None:
                hedge = _optional("Hedge words (empty for none)")
                low = float(answer) if (answer := _optional("Lowest value the words allow (empty for none)")) else None
                high = float(answer) if (answer := _optional("Highest value the words allow (empty for none)")) else None
        claimed_on = _optional("Claimed on, YYYY-MM-DD or YYYY-MM (empty if the text does not say)")
        if claimed_on:
            claimed_on_basis = click.prompt("Is that date stated in the text or inferred?", type=click.Choice(["stated", "inferred"]), default="stated")
            if claimed_on_basis == "inferred":
                claimed_on_note = click.prompt("How was it worked out?")
    language = scaffolding.source_language(space, source)
    if translation is None and not no_input and language and not language.lower().startswith("en"):
        translation = _optional(f"Translation of the quote into {translation_lang} (the quote is in {language}; empty to stop)")
    statement = _ask(statement, "Statement (one plain sentence)", "--statement", no_input)
    request = scaffolding.ClaimRequest(
        source=source,
        quote=quote,
        actor=actor,
        statement=statement,
        stance=stance or "asserts",
        figure=figure,
        value=value,
        hedge=hedge,
        low=low,
        high=high,
        approximate=approximate,
        value_note=value_note,
        claimed_on=None if claimed_on is None else scaffolding.Dated(claimed_on, claimed_on_basis, claimed_on_note),
        via=via,
        tags=tags,
        notes=notes,
        ident=ident,
        translation=translation,
        translation_lang=translation_lang,
        translated_by=translated_by,
    )
    _plan_and_write(scaffolding.plan_claim, root, request, dry_run)


@new.command("actor")
@click.option("--name", help="The name readers know, in its standard spelling.")
@click.option(
    "--kind", type=click.Choice(["person", "agency", "government", "military", "organisation", "outlet", "anonymous-group"]), help="What sort of actor this is."
)
@click.option("--alias", "aliases", multiple=True, help="Another spelling or name sources use, misspellings included. Repeatable.")
@click.option("--country", help="ISO 3166-1 alpha-2 code, such as UA.")
@click.option("--role", help="Office or function at the time of the claims.")
@click.option("--part-of", metavar="ACTOR_ID", help="Actor id of the body this actor belongs to.")
@click.option("--notes", help="Context a reader needs.")
@click.option("--id", "ident", help="The actor id. Proposed from the name when not given.")
@dry_run_option
@no_input_option
@root_option
def new_actor(
    name: str | None,
    kind: str | None,
    aliases: tuple[str, ...],
    country: str | None,
    role: str | None,
    part_of: str | None,
    notes: str | None,
    ident: str | None,
    dry_run: bool,
    no_input: bool,
    root: Path,
) -> None:
    """Scaffold data/actors/<id>.yml. Refuses a name or alias another actor already has."""
    from generator.editor import new as scaffolding

    interactive = not no_input and name is None and kind is None
    name = _ask(name, "Name", "--name", no_input)
    kind = _ask(
        kind, "Kind", "--kind", no_input, type=click.Choice(["person", "agency", "government", "military", "organisation", "outlet", "anonymous-group"])
    )
    if interactive:
        aliases = tuple(a.strip() for a in (_optional("Aliases, separated by semicolons (empty for none)") or "").split(";") if a.strip())
        role = _optional("Role (empty for none)")
        country = _optional("Country code, such as UA (empty for none)")
    request = scaffolding.ActorRequest(name=name, kind=kind, aliases=aliases, country=country, role=role, part_of=part_of, notes=notes, ident=ident)
    _plan_and_write(scaffolding.plan_actor, root, request, dry_run)


@new.command("figure")
@click.option("--label", help="Short name shown in headings and tables.")
@click.option("--unit", help="What one counts, such as troops, rounds or percent.")
@click.option("--definition", help="Exactly what is counted, and at what moment, so estimates can be compared.")
@click.option("--headline", is_flag=True, help="Show this figure's spread of estimates on the home page.")
@click.option("--rank", metavar="N", help="Order among the headline figures on the home page: 1 comes first. Needs --headline.")
@click.option("--group", help="What the figure counts, for the Figures index, such as deployment, munitions, casualties or context.")
@click.option("--related", multiple=True, metavar="FIGURE_ID", help="Id of a figure readers often confuse with this one. Repeatable.")
@click.option("--notes", help="Caveats about comparing estimates.")
@click.option("--id", "ident", help="The figure id. Proposed from the label when not given.")
@dry_run_option
@no_input_option
@root_option
def new_figure(
    label: str | None,
    unit: str | None,
    definition: str | None,
    headline: bool,
    rank: str | None,
    group: str | None,
    related: tuple[str, ...],
    notes: str | None,
    ident: str | None,
    dry_run: bool,
    no_input: bool,
    root: Path,
) -> None:
    """Scaffold data/figures/<id>.yml."""
    from generator.editor import new as scaffolding

    interactive = not no_input and label is None and unit is None and definition is None
    label = _ask(label, "Label", "--label", no_input)
    unit = _ask(unit, "Unit (what one counts)", "--unit", no_input)
    definition = _ask(definition, "Definition (exactly what is counted, and when)", "--definition", no_input)
    if interactive:
        headline = click.confirm("Show it on the home page?", default=headline)
        if headline and rank is None:
            rank = _optional("Rank on the home page, 1 first (empty to follow the ranked figures)")
        if group is None:
            in_use = scaffolding.figure_groups(root)
            group = _optional(f"Group ({'in use: ' + ', '.join(in_use) + '; ' if in_use else ''}empty for none)")
    request = scaffolding.FigureRequest(
        label=label, unit=unit, definition=definition, headline=headline, rank=rank, group=group, related=related, notes=notes, ident=ident
    )
    _plan_and_write(scaffolding.plan_figure, root, request, dry_run)
