"""The `calmdesk` command: run the desk, seed the demo, import contacts, manage staff and tokens.

Each command parses its arguments, calls a service and prints. Django starts only for commands
that need the database, and only after the environment is final, because settings read it at
import. Errors are one sentence on stderr and a non-zero exit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from calmdesk.cli_assess import assess_command, eval_assess_command, triage_command
from calmdesk.cli_replies import check_reply_command, eval_replies_command

if TYPE_CHECKING:
    from calmdesk.core.policy import Policy
    from calmdesk.demo.seed import SeedReport
    from calmdesk.people.models import Organisation, Team, User

EXIT_FAILED = 1

app = typer.Typer(
    name="calmdesk",
    help="calmdesk: a self-hosted case desk for challenging customer contacts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("assess")(assess_command)
app.command("triage")(triage_command)
app.command("eval-assess")(eval_assess_command)
app.command("check-reply")(check_reply_command)
app.command("eval-replies")(eval_replies_command)
token_app = typer.Typer(help="Create and revoke REST API tokens.", no_args_is_help=True)
app.add_typer(token_app, name="token")
policy_app = typer.Typer(
    help="Check, install and show an organisation's policy.", no_args_is_help=True
)
app.add_typer(policy_app, name="policy")

# Names and messages come from users and files; markup is opted into where the text is ours.
out = Console(highlight=False, markup=False)
err = Console(stderr=True, highlight=False, markup=False)


def fail(message: str) -> NoReturn:
    err.print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True, markup=True)
    raise typer.Exit(EXIT_FAILED)


def setup_django() -> None:
    """Start Django with calmdesk's settings, turning a bad setting into a one-line error."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "calmdesk.settings")
    try:
        django.setup()
    except ImproperlyConfigured as exc:
        fail(str(exc))


# ---------------------------------------------------------------- demo and serving


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the demo once it is ready.")
    ] = True,
) -> None:
    """Set up a local demo with nothing configured, seed Brightside Home Electricals, serve it."""
    from calmdesk.demo.environment import prepare_demo_environment

    try:
        data_dir = prepare_demo_environment(os.environ, cwd=Path.cwd(), host=host)
    except (OSError, ValueError) as exc:
        fail(f"Cannot prepare the demo's data directory: {exc}")
    setup_django()
    from django.core.management import call_command

    from calmdesk.demo.seed import DemoDataError, seed_demo

    with err.status("Preparing the database and static files…"):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
    try:
        report = seed_demo()
    except DemoDataError as exc:
        fail(str(exc))
    # A demo kept from an earlier release shows what the current model reads, not the old one.
    from calmdesk.cases.assessing import reassess_pending
    from calmdesk.cases.maintenance import refresh_planner_statistics

    for _step in reassess_pending():
        pass
    refresh_planner_statistics()
    _print_demo_report(report, data_dir, f"http://{_display_host(host)}:{port}/")
    if serve_after:
        from calmdesk.demo.background import background_process

        # The demo is the whole product: reminders and re-assessment need the worker too. It
        # is stopped and reaped however the demo ends: Ctrl+C, SIGTERM, SIGHUP or an error.
        with background_process(
            [sys.executable, "-m", "calmdesk", "worker"],
            on_stop=lambda worker: err.print(f"Stopping the background worker ({worker.pid})…"),
        ) as background:
            out.print(f"Background worker started (process {background.pid}).")
            _serve(host, port, threads=4)


def _display_host(host: str) -> str:
    if host in {"0.0.0.0", "::", ""}:  # noqa: S104 - a wildcard is reached through localhost
        return "localhost"
    return f"[{host}]" if ":" in host else host


def _print_demo_report(report: SeedReport, data_dir: Path, address: str) -> None:
    if report.created_cases:
        out.print(
            f"Seeded {report.organisation.name}: {report.created_users} staff and "
            f"{report.created_cases} cases."
        )
    else:
        out.print(f"{report.organisation.name} is already seeded ({report.total_cases} cases).")
    out.print(f"Data directory: {data_dir}")
    table = Table(title="Demo logins, one per role", title_justify="left")
    for column in ("Role", "Username", "Name", "Team"):
        table.add_column(column)
    for login in report.logins:
        table.add_row(login.role.label, login.username, login.name, login.team)
    out.print(table)
    out.print(f"Password for every demo login: [bold]{report.password}[/]", markup=True)
    out.print(f"Open [bold]{address}[/] in your browser.", markup=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    threads: Annotated[int, typer.Option(min=1, help="Worker threads.")] = 4,
) -> None:
    """Serve calmdesk with waitress for production; run `manage collectstatic` first."""
    setup_django()
    _serve(host, port, threads=threads)


def _serve(host: str, port: int, *, threads: int) -> None:
    import waitress

    from calmdesk.wsgi import application

    out.print(f"Serving calmdesk on http://{_display_host(host)}:{port}/ (Ctrl+C stops it)")
    waitress.serve(application, host=host, port=port, threads=threads)


@app.command(
    context_settings={
        "allow_extra_args": True,
        "ignore_unknown_options": True,
        # --help goes to Django's command, not to this wrapper.
        "help_option_names": [],
    }
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command: calmdesk manage migrate, check --deploy, ..."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["calmdesk manage", *ctx.args])


# ---------------------------------------------------------------- imports


OrgOption = Annotated[
    str | None,
    typer.Option("--org", help="Organisation slug; optional when there is only one."),
]
ActorOption = Annotated[
    str | None,
    typer.Option("--as", help="Username to import as; by default the system imports."),
]


@app.command("import-email")
def import_email(
    path: Annotated[Path, typer.Argument(help="An .eml file, an mbox file or a folder of them.")],
    org: OrgOption = None,
    actor: ActorOption = None,
) -> None:
    """Import email into cases; messages already imported are skipped."""
    _run_import("import_email_path", path, org, actor)


@app.command("import-csv")
def import_csv(
    path: Annotated[Path, typer.Argument(help="A UTF-8 CSV file of contacts.")],
    org: OrgOption = None,
    actor: ActorOption = None,
) -> None:
    """Import contacts from a CSV file into cases; rows already imported are skipped."""
    _run_import("import_csv_path", path, org, actor)


def _run_import(function_name: str, path: Path, org_slug: str | None, username: str | None) -> None:
    if not path.exists():
        fail(f"There is no file or folder at {path}.")
    setup_django()
    from calmdesk.cases import imports
    from calmdesk.core.intake import IntakeError
    from calmdesk.core.roles import NotAllowed

    organisation = _organisation(org_slug)
    user = _user_in(organisation, username) if username else None
    import_path = getattr(imports, function_name)
    try:
        with progress_bar(f"Importing {path.name}") as progress:
            report = import_path(organisation, path, actor=user, progress=progress)
    except (IntakeError, NotAllowed) as exc:
        fail(str(exc))
    table = Table(title=f"Imported into {organisation.name}", title_justify="left")
    table.add_column("")
    table.add_column("Count", justify="right")
    table.add_row("Cases created", str(report.created_cases))
    table.add_row("Messages added", str(report.created_messages))
    table.add_row("Already imported, skipped", str(report.skipped_duplicates))
    table.add_row("Attachments kept", str(report.attachments))
    table.add_row("Attachments refused", str(len(report.refused_attachments)))
    out.print(table)
    for reason in report.refused_attachments:
        out.print(f"Refused: {reason}", soft_wrap=True)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a bar on a terminal; none for scripts and logs."""
    if not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield advance


def _organisation(slug: str | None) -> Organisation:
    from calmdesk.people.models import Organisation

    if slug:
        found = Organisation.objects.filter(slug=slug).first()
        if found is None:
            fail(f"There is no organisation with the slug {slug!r}.")
        return found
    slugs = list(Organisation.objects.order_by("slug").values_list("slug", flat=True)[:11])
    if not slugs:
        fail("There is no organisation yet; create one with `calmdesk createorg`.")
    if len(slugs) > 1:
        shown = ", ".join(slugs[:10]) + (", …" if len(slugs) > 10 else "")
        fail(f"Name the organisation with --org; there are several ({shown}).")
    return Organisation.objects.get(slug=slugs[0])


def _user_in(organisation: Organisation, username: str) -> User:
    from calmdesk.people.models import User

    user = User.objects.filter(username=username, organisation=organisation).first()
    if user is None:
        fail(f"{organisation.name} has no user called {username!r}.")
    return user


# ---------------------------------------------------------------- organisations and staff


@app.command()
def createorg(
    name: Annotated[str, typer.Argument(help="The organisation's name.")],
    slug: Annotated[str, typer.Option(help="Short name for URLs and --org: letters, digits, -.")],
    teams: Annotated[
        list[str],
        typer.Option("--team", help="A team; repeat for more. The first receives new cases."),
    ],
) -> None:
    """Create an organisation and its teams."""
    setup_django()
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_slug
    from django.db import transaction

    from calmdesk.people.models import Organisation, Team

    name, teams = name.strip(), [team.strip() for team in teams]
    try:
        validate_slug(slug)
    except ValidationError:
        fail(f"{slug!r} is not a valid slug; use letters, digits, hyphens and underscores.")
    if not name:
        fail("The organisation needs a name.")
    if not all(teams) or len({team.lower() for team in teams}) != len(teams):
        fail("Each team needs a name of its own.")
    if Organisation.objects.filter(slug=slug).exists():
        fail(f"An organisation with the slug {slug!r} already exists.")
    with transaction.atomic():
        organisation = Organisation.objects.create(name=name, slug=slug)
        for position, team in enumerate(teams):
            Team.objects.create(organisation=organisation, name=team, is_intake=position == 0)
    out.print(
        f"Created {name} ({slug}) with teams: {', '.join(teams)}; new cases go to {teams[0]}."
    )


@app.command()
def createuser(
    username: Annotated[str, typer.Argument(help="The login name.")],
    org: Annotated[str, typer.Option("--org", help="Organisation slug.")],
    role: Annotated[str, typer.Option(help="agent, team_leader, manager or trainer.")],
    team: Annotated[str | None, typer.Option(help="Team name (agents and team leaders).")] = None,
    first_name: Annotated[str, typer.Option(help="First name.")] = "",
    last_name: Annotated[str, typer.Option(help="Last name.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a member of staff; the password is asked for twice unless given on stdin."""
    from calmdesk.core.roles import CaseScope, Role, rights_for

    if role not in {known.value for known in Role}:
        fail(f"Unknown role {role!r}; use one of: {', '.join(Role)}.")
    setup_django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from calmdesk.people.models import User

    organisation = _organisation(org)
    chosen_team = _team_in(organisation, team) if team else None
    if chosen_team is None and rights_for(role).scope is CaseScope.OWN_TEAM:
        fail(f"The {Role(role).label.lower()} role works within one team; name it with --team.")
    if User.objects.filter(username=username).exists():
        fail(f"The username {username!r} is taken.")
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        organisation=organisation,
        team=chosen_team,
        role=role,
    )
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        fail(" ".join(exc.messages))
    password = _read_password(password_stdin)
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        fail(" ".join(exc.messages))
    user.set_password(password)
    with transaction.atomic():
        user.save()
    where = f" on {chosen_team.name}" if chosen_team else ""
    out.print(f"Created {Role(role).label.lower()} {username} in {organisation.name}{where}.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            fail("No password arrived on standard input.")
        return password
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


def _team_in(organisation: Organisation, name: str) -> Team:
    from calmdesk.people.models import Team

    found = Team.objects.filter(organisation=organisation, name__iexact=name.strip()).first()
    if found is None:
        names = ", ".join(organisation.teams.values_list("name", flat=True)) or "none yet"
        fail(f"{organisation.name} has no team called {name!r}; its teams are: {names}.")
    return found


# ---------------------------------------------------------------- API tokens


@token_app.command("create")
def token_create(
    username: Annotated[str, typer.Argument(help="Whose token: it acts with their rights.")],
    name: Annotated[str, typer.Option(help="What the token is for, e.g. 'web form bridge'.")],
) -> None:
    """Create an API token and print it once; only its hash is kept."""
    setup_django()
    from calmdesk.api.tokens import TokenError, issue_api_token
    from calmdesk.people.models import ApiToken, User

    user = User.objects.filter(username=username).first()
    if user is None:
        fail(f"There is no user called {username!r}.")
    try:
        secret = issue_api_token(user, name)
    except TokenError as exc:
        fail(str(exc))
    prefix = ApiToken.objects.get(token_hash=ApiToken.hash(secret)).prefix
    err.print(f"Created token {prefix} for {username}. It is shown once; store it now:")
    out.print(secret, soft_wrap=True)


@token_app.command("revoke")
def token_revoke(
    prefix: Annotated[str, typer.Argument(help="The token's prefix, its first 10 characters.")],
) -> None:
    """Revoke an API token by its prefix; it stops working at once."""
    setup_django()
    from calmdesk.api.tokens import TokenError, revoke_api_token
    from calmdesk.people.models import ApiToken

    # A whole token pasted by mistake still names its prefix; nothing is matched on the rest.
    prefix = prefix.strip()[:10]
    matches = list(ApiToken.objects.active().filter(prefix=prefix).select_related("user"))
    if not matches:
        fail(f"No active token has the prefix {prefix!r}.")
    if len(matches) > 1:
        fail(f"{len(matches)} active tokens share the prefix {prefix!r}; revoke them in the admin.")
    try:
        token = revoke_api_token(matches[0].user, matches[0].name)
    except TokenError as exc:
        fail(str(exc))
    out.print(f"Revoked token {token.prefix} ({token.name}) of {token.user.username}.")


# ---------------------------------------------------------------- policy


@policy_app.command("check")
def policy_check(
    path: Annotated[Path, typer.Argument(help="A policy file (YAML).")],
) -> None:
    """Check a policy file without installing it; every problem is named with its line."""
    policy = _load_policy_file(path)
    out.print(
        f"{path} is a valid policy for {policy.organisation}: {len(policy.remedies)} remedies, "
        f"{len(policy.product_groups)} product groups, {len(policy.tolerance)} tolerance steps."
    )


@policy_app.command("install")
def policy_install(
    path: Annotated[Path, typer.Argument(help="A policy file (YAML).")],
    org: OrgOption = None,
    actor: Annotated[
        str | None, typer.Option("--as", help="The manager installing it (recorded).")
    ] = None,
    note: Annotated[str, typer.Option(help="Why it changed, for the record.")] = "",
) -> None:
    """Check a policy file and make it the organisation's policy, in force at once."""
    _load_policy_file(path)
    setup_django()
    from calmdesk.core.policy import PolicyError
    from calmdesk.core.roles import NotAllowed
    from calmdesk.policy.services import install_policy

    organisation = _organisation(org)
    user = _user_in(organisation, actor) if actor else None
    try:
        document = install_policy(organisation, path.read_bytes(), actor=user, note=note)
    except (PolicyError, NotAllowed) as exc:
        fail(str(exc))
    out.print(f"Installed policy version {document.version} for {organisation.name}.")


@policy_app.command("show")
def policy_show(org: OrgOption = None) -> None:
    """Print the policy in force (the newest installed version)."""
    setup_django()
    from calmdesk.policy.models import PolicyDocument

    organisation = _organisation(org)
    document = PolicyDocument.objects.filter(organisation=organisation).first()
    if document is None:
        fail(f"{organisation.name} has no policy yet; install one with `calmdesk policy install`.")
    out.print(f"# version {document.version}, installed {document.installed_at:%Y-%m-%d %H:%M}")
    out.print(document.text, end="")


def _load_policy_file(path: Path) -> Policy:
    from calmdesk.core.policy import PolicyError, load_policy

    if not path.is_file():
        fail(f"There is no file at {path}.")
    try:
        return load_policy(path.read_bytes())
    except PolicyError as exc:
        for problem in exc.problems:
            err.print(f"{path}: {problem}", soft_wrap=True)
        fail(f"{path} is not a valid policy: nothing was installed.")


# ---------------------------------------------------------------- background work


@app.command()
def worker(
    batch: Annotated[
        bool, typer.Option("--batch", help="Run what is queued, then stop (for cron or tests).")
    ] = False,
    interval: Annotated[float, typer.Option(help="Seconds between polls when idle.")] = 1.0,
) -> None:
    """Run background work (re-assessment, timers) from the database queue.

    Start one or more per machine; on PostgreSQL several workers on several machines share
    the queue safely. Beside the queue, each worker fires the follow-up timers that are due
    (reminders, overdue actions, customer updates) every few seconds; with --batch it fires
    what is due once, then runs what is queued.
    """
    setup_django()
    from django.core.management import call_command

    from calmdesk.followup.tasks import run_timers_once, start_timer_thread

    if batch:
        report, refreshed = run_timers_once()
        out.print(
            f"Timers: {report.fired} fired, {report.notified} notifications; "
            f"{refreshed} promises brought up to date."
        )
        call_command("db_worker", batch=True, interval=interval, startup_delay=False)
        return
    stop = start_timer_thread()
    try:
        call_command("db_worker", batch=False, interval=interval, startup_delay=False)
    finally:
        stop.set()


@app.command()
def reassess(
    now: Annotated[
        bool,
        typer.Option("--now", help="Re-assess here, with a progress bar, instead of queueing."),
    ] = False,
) -> None:
    """Re-assess stored messages the current model has not read (after a model update).

    Queued for `calmdesk worker` by default. Safe to stop and run again: it resumes with the
    messages still to do.
    """
    setup_django()
    from calmdesk.cases.assessing import pending_messages, reassess_pending
    from calmdesk.cases.tasks import reassess_messages
    from calmdesk.core.assessment import ModelFileError, engine_version

    try:
        version = engine_version()
    except ModelFileError as exc:
        fail(str(exc))
    pending = pending_messages(version).count()
    if not pending:
        out.print(f"Every inbound message is already assessed by {version}.")
        return
    if not now:
        reassess_messages.enqueue()
        out.print(
            f"Queued re-assessment of {pending} messages by {version}; `calmdesk worker` runs it."
        )
        return
    done = 0
    with progress_bar(f"Re-assessing with {version}") as progress:
        for step in reassess_pending():
            done = step.done
            if progress is not None:
                progress(step.done, step.done + step.pending)
    out.print(f"Re-assessed {done} messages with {version}.")


def main() -> None:
    app()
