"""The allowed imports between the project's apps (docs/architecture.md, "Allowed imports").

Read from the source with ``ast``: every ``import`` counts, at module level or inside a function,
so a dependency cannot hide in a function body. Each rule is also checked against a made-up
violation, so that a rule which can no longer fail is noticed.
"""

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "accounts",
    "community",
    "media_pages",
    "webinars",
    "podcasts",
    "newsletter",
    "search",
    "badges",
    "demo",
    "worker",
    "config",
)
NOT_PRODUCTION = ("bench", "tests")
FORBIDDEN: dict[str, set[str]] = {
    "community": set(APPS) - {"community"},
    "media_pages": {"webinars", "podcasts", "newsletter", "search", "accounts", "demo", "badges"},
    "webinars": {"podcasts", "newsletter", "search", "accounts", "demo", "badges"},
    "podcasts": {"webinars", "newsletter", "search", "accounts", "demo", "badges"},
    # Badges read attendance and credits; nothing reads badges but through signals and hooks.
    "newsletter": {"badges"},
    "search": {"badges"},
    # The worker runs Wagtail's and the queue's housekeeping; it knows no content family.
    "worker": set(APPS) - {"worker"},
}


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    source_app: str
    target: str
    in_function: bool
    reason: str

    @property
    def target_app(self) -> str:
        return self.target.split(".")[0]


def app_of(relative_path: str) -> str:
    return relative_path.split("/", 1)[0]


def imports_of(relative_path: str, source: str) -> list[Import]:
    """Every import of a module, with whether it sits in a function and the comment beside it."""
    tree = ast.parse(source)
    lines = source.splitlines()
    package = relative_path.removesuffix(".py").replace("/", ".")
    if not relative_path.endswith("__init__.py"):
        package = package.rsplit(".", 1)[0]
    else:
        package = package.removesuffix(".__init__")
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            inner = (n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom))
            in_function |= {id(item) for item in inner}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                targets = [".".join([*base, node.module] if node.module else base)]
            else:
                targets = [node.module or ""]
        else:
            continue
        for target in targets:
            found.append(
                Import(
                    path=relative_path,
                    line=node.lineno,
                    source_app=app_of(relative_path),
                    target=target,
                    in_function=id(node) in in_function,
                    reason=_comment_near(lines, node.lineno),
                )
            )
    return found


def _comment_near(lines: list[str], line: int) -> str:
    """The comment ending the import's line, or the comment line right above it."""
    own = lines[line - 1]
    if "#" in own:
        return own.split("#", 1)[1].strip()
    above = lines[line - 2].strip() if line >= 2 else ""
    return above.lstrip("#").strip() if above.startswith("#") else ""


def project_imports() -> list[Import]:
    found = []
    for app in (*APPS, *NOT_PRODUCTION):
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative:
                continue
            found += imports_of(relative, path.read_text(encoding="utf-8"))
    return found


def app_graph(imports: list[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {app: set() for app in (*APPS, *NOT_PRODUCTION)}
    for item in imports:
        if item.target_app in graph and item.target_app != item.source_app:
            graph[item.source_app].add(item.target_app)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle between apps, found by depth-first search."""
    found: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(app: str, trail: list[str]) -> None:
        state[app] = "open"
        for target in sorted(graph.get(app, ())):
            if state.get(target) == "open":
                found.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[app] = "done"

    for app in sorted(graph):
        if app not in state:
            visit(app, [app])
    return found


def forbidden_imports(imports: list[Import]) -> list[str]:
    problems = []
    for item in imports:
        if item.target_app in FORBIDDEN.get(item.source_app, ()):
            problems.append(f"{item.path}:{item.line} imports {item.target}")
        if item.source_app in APPS and item.target_app in NOT_PRODUCTION:
            problems.append(f"{item.path}:{item.line} imports {item.target} (not production code)")
    return problems


def unexplained_function_imports(imports: list[Import]) -> list[str]:
    return [
        f"{item.path}:{item.line} imports {item.target} inside a function without saying why"
        for item in imports
        if item.in_function and item.source_app in APPS and not item.reason
    ]


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return project_imports()


def test_the_apps_import_each_other_without_a_cycle(imports):
    assert cycles(app_graph(imports)) == []


def test_no_app_imports_what_its_layer_forbids(imports):
    assert forbidden_imports(imports) == []


def test_imports_inside_functions_say_why(imports):
    assert unexplained_function_imports(imports) == []


def test_the_rules_read_every_app():
    imports = project_imports()
    assert {item.source_app for item in imports} == {*APPS, *NOT_PRODUCTION}


# --- each rule fails on the violation it is there to catch --------------------------------------


def test_a_cycle_between_apps_is_found():
    graph = app_graph(
        imports_of("media_pages/models/home.py", "from community.models import Person\n")
        + imports_of("community/models/people.py", "from media_pages.models import HomePage\n")
    )
    assert cycles(graph) == [["community", "media_pages", "community"]]


@pytest.mark.parametrize(
    ("path", "source"),
    [
        ("community/models/credits.py", "from media_pages.models import BasePage\n"),
        ("community/contributions.py", "def f():\n    import webinars.models  # why\n"),
        ("media_pages/models/home.py", "from webinars.models import WebinarPage\n"),
        ("media_pages/templatetags/x.py", "from search import results\n"),
        ("webinars/views.py", "from podcasts.models import PodcastShowPage\n"),
        ("podcasts/feed.py", "from webinars.calendars import calendar_bytes\n"),
        ("webinars/tasks.py", "from newsletter.tasks import enqueue_batch\n"),
        ("podcasts/models/pages.py", "from search.results import search\n"),
        ("newsletter/email.py", "from tests.factories import make_site_with_home\n"),
        ("demo/loaders/site.py", "import bench._server\n"),
        ("webinars/attendance.py", "from badges.rules import run_rules\n"),
        ("community/models/credits.py", "from badges.models import Award\n"),
        ("newsletter/admin_views.py", "from badges.admin_views import awards_of\n"),
    ],
)
def test_a_forbidden_import_is_refused(path, source):
    assert forbidden_imports(imports_of(path, source)) != []


def test_an_import_in_a_function_needs_its_reason():
    silent = "def ready(self):\n    from . import signals\n"
    explained = "def ready(self):\n    # Django's place for signals.\n    from . import signals\n"
    assert unexplained_function_imports(imports_of("webinars/apps.py", silent)) != []
    assert unexplained_function_imports(imports_of("webinars/apps.py", explained)) == []


def test_relative_imports_belong_to_their_own_app():
    [item] = imports_of("newsletter/models/pages.py", "from ..forms import NewsletterPageForm\n")
    assert item.target == "newsletter.forms"
    [item] = imports_of("newsletter/models/__init__.py", "from .pages import NewsletterPage\n")
    assert item.target == "newsletter.models.pages"
