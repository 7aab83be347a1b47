"""The gateway's engine: intents to rendered packages to commits, and the read model that follows.

- Renders run in a pool of `workers` threads (one `kpt fn render` each, the number of CPUs by
  default), each in a scratch folder of its own: a clone of the blueprint for a new intent, the
  package as committed for a changed one.  The live repository is never a render's workspace.
- Commits go through one writer thread.  Before committing it checks that the package is still
  what the render started from and that no address of the new package is held by another
  intent; if either moved on meanwhile, the render is done again on top of what is now committed.
- A request is answered only once `main` points at its commit; the read model (a `Snapshot`)
  is then swapped in one assignment, so readers see a whole commit or the one before.
- Someone else may push to `main`: the writer follows (only the packages that changed are read
  again) before each commit and when `refresh` notices.

Nothing here reads what an intent asks for; the pipeline does.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from oran_intent_krm.tools import render as renderer

from . import intents, krm, packages, porch, readmodel, reports
from .errors import ApiError
from .readmodel import INTENTS_DIR, PackageView, Snapshot
from .repository import Changes, Moved, Repository
from .timestamps import now

log = logging.getLogger("intent-gateway")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BLUEPRINT = ROOT / "packages" / "intent-to-krm"
DEFAULT_INVENTORY = Path(__file__).resolve().parent / "inventory"
MAX_ATTEMPTS = 8
WINDOW = 16  # free addresses between the windows of renders running at once, at least


@dataclass
class Settings:
    repo: Path
    blueprint: Path | None = None
    inventory: Path | None = None
    render: renderer.Runtime = "exec"
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    namespace: str = "intent-system"
    repo_url: str | None = None
    porch_variants: bool = False
    porch_namespace: str = "default"
    porch_upstream_repo: str = "intent-gateway"
    porch_downstream_repo: str = "management"
    render_timeout: float = 600


@dataclass
class Rendered:
    name: str
    ok: bool
    outcome: renderer.Outcome
    files: dict[str, bytes] = field(default_factory=dict)  # package-relative path -> content
    view: PackageView | None = None
    offset: int = 0  # the addressOffset it rendered with
    window: int | None = None  # the address window it holds (see Gateway._offset)


@dataclass
class ProbeResult:
    feasibility: dict[str, Any]
    conflicts: list[dict[str, Any]]
    view: PackageView | None
    results: list[dict[str, Any]]


class Conflict(Exception):
    """The repository moved under a render; it has to be done again."""


class Gateway:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.repo = Repository.open(settings.repo)
        self.snapshot = Snapshot(head=None)
        self._blueprint: dict[str, bytes] = {}
        self._inventory: dict[str, bytes] = {}
        self._renders: ThreadPoolExecutor | None = None
        self._writer: ThreadPoolExecutor | None = None
        self._locks: dict[str, asyncio.Lock] = {}
        self._scratch = self.repo.path / "gateway-tmp"
        self._cache = self.repo.path / "gateway-cache" / f"views-{readmodel.VIEW_VERSION}"
        self.listeners: list[Callable[[str, PackageView | None, PackageView | None], None]] = []
        self.started = False
        self._windows: set[int] = set()
        self._windows_lock = threading.Lock()
        self._pushed: list[tuple[str, PackageView | None, PackageView | None]] = []
        self._pushed_lock = threading.Lock()
        self._ref_stamp: tuple = ()

    # ---- start and stop -------------------------------------------------------------------------

    def start(self) -> list[str]:
        """Take the repository, repair what a crash left, set it up on first use, read it; returns notes."""
        if self.started:
            return []
        self.repo.lock()
        notes = [f"removed stale lock {lock}" for lock in self.repo.recover()]
        shutil.rmtree(self._scratch, ignore_errors=True)
        self._scratch.mkdir()
        notes += self._initialise()
        self.snapshot = self._read_snapshot(self.repo.head())
        self._renders = ThreadPoolExecutor(max_workers=max(1, self.settings.workers), thread_name_prefix="render")
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        self.started = True
        return notes

    def stop(self) -> None:
        if not self.started:
            return
        self.started = False
        for pool in (self._renders, self._writer):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._scratch, ignore_errors=True)
        self.repo.unlock()

    def _initialise(self) -> list[str]:
        head = self.repo.head()
        changes = Changes()
        notes = []
        blueprint_dir = f"{readmodel.BLUEPRINTS_DIR}/"
        present = self.repo.list_files(head, readmodel.BLUEPRINTS_DIR) if head else {}
        if not present:
            source = self.settings.blueprint or DEFAULT_BLUEPRINT
            if not (source / "Kptfile").is_file():
                raise packages.BlueprintError(f"no blueprint package at {source} (give --blueprint DIR)")
            files = _folder_files(source)
            packages.check_blueprint(files)
            changes.files.update({f"{blueprint_dir}{source.name}/{p}": c for p, c in files.items()})
            notes.append(f"blueprint {source.name} from {source}")
        elif self.settings.blueprint is not None:
            notes.append(f"the repository already has its blueprint; --blueprint {self.settings.blueprint} is not used")
        inventory = _folder_files(self.settings.inventory or DEFAULT_INVENTORY)
        current = {p[len(readmodel.INVENTORY_DIR) + 1 :]: c for p, c in self.repo.read_tree_files(head, readmodel.INVENTORY_DIR).items()} if head else {}
        if (self.settings.inventory is not None or not current) and inventory != current:
            changes.removed.append(readmodel.INVENTORY_DIR)
            changes.files.update({f"{readmodel.INVENTORY_DIR}/{p}": c for p, c in inventory.items()})
            notes.append(f"inventory from {self.settings.inventory or DEFAULT_INVENTORY}")
        if head is None:
            changes.files["README.md"] = README.encode()
        if changes:
            message = "Set up the intent gateway repository" if head is None else "Update the intent gateway's blueprint and inventory"
            self.repo.commit(changes, message + "\n\n" + "\n".join(notes) + "\n", head)
        return notes

    # ---- reading the repository -----------------------------------------------------------------

    def _read_snapshot(self, head: str | None) -> Snapshot:
        files = self.repo.list_files(head)
        trees = self._package_trees(head)
        cached = {name: self._cached_view(tree) for name, tree in trees.items()}
        wanted = {path: sha for path, sha in files.items() if not (path.startswith(f"{INTENTS_DIR}/") and cached.get(path.split("/")[1]) is not None)}
        blobs = self.repo.read_blobs(wanted.values())
        by_package: dict[str, dict[str, bytes]] = {}
        records: dict[str, dict[str, bytes]] = {readmodel.SPECIFICATIONS_DIR: {}, readmodel.HUBS_DIR: {}, readmodel.REPORTS_DIR: {}}
        self._blueprint, self._inventory = {}, {}
        blueprint = ""
        for path, sha in wanted.items():
            top, _, rest = path.partition("/")
            if top == INTENTS_DIR and "/" in rest:
                package, _, relative = rest.partition("/")
                by_package.setdefault(package, {})[relative] = blobs[sha]
            elif top in records:
                records[top][path] = blobs[sha]
            elif top == readmodel.BLUEPRINTS_DIR and "/" in rest:
                blueprint, _, relative = rest.partition("/")
                self._blueprint[relative] = blobs[sha]
            elif top == readmodel.INVENTORY_DIR:
                self._inventory[rest] = blobs[sha]
        views = {name: view for name, view in cached.items() if view is not None}
        for name, package_files in sorted(by_package.items()):
            try:
                views[name] = self._remember(readmodel.package_view(name, trees.get(name, ""), package_files))
            except Exception as error:  # a hand-made package the gateway cannot read: served without it, said loudly
                log.error("intents/%s cannot be read: %s", name, error)
        deleted = {k: frozenset(v.get("deleted") or []) for k, v in readmodel.json_records(records[readmodel.REPORTS_DIR]).items()}
        commit = self.repo.log("-1", "--format=%H", "--", f"{readmodel.BLUEPRINTS_DIR}/{blueprint}").strip() if head and blueprint else ""
        return Snapshot(
            head=head,
            packages=dict(sorted(views.items())),
            specifications=readmodel.json_records(records[readmodel.SPECIFICATIONS_DIR]),
            hubs=readmodel.json_records(records[readmodel.HUBS_DIR]),
            deleted_reports=deleted,
            blueprint=f"{readmodel.BLUEPRINTS_DIR}/{blueprint}" if blueprint else "",
            blueprint_commit=commit,
        )

    def _cached_view(self, tree: str) -> PackageView | None:
        """The view of a package tree read before (views depend on the tree's content alone)."""
        path = self._cache / f"{tree}.json"
        try:
            return readmodel.view_from_json(path.read_text())
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def _remember(self, view: PackageView) -> PackageView:
        if view.tree:
            self._cache.mkdir(parents=True, exist_ok=True)
            scratch = self._cache / f".{view.tree}.{threading.get_ident()}"
            scratch.write_text(readmodel.view_to_json(view))
            scratch.replace(self._cache / f"{view.tree}.json")
        return view

    def _package_trees(self, head: str | None) -> dict[str, str]:
        if head is None or self.repo.tree_of(head, INTENTS_DIR) is None:
            return {}
        out = {}
        for line in self.repo.git("ls-tree", "-z", head, INTENTS_DIR + "/").split(b"\0"):
            if line:
                meta, _, path = line.partition(b"\t")
                out[path.decode().rsplit("/", 1)[-1]] = meta.decode().split()[2]
        return out

    def follow(self) -> list[tuple[str, PackageView | None, PackageView | None]]:
        """(Writer thread.) Catch up with commits someone else pushed; the packages that changed."""
        head = self.repo.head()
        old = self.snapshot
        if head == old.head:
            return []
        changed = self.repo.changed_paths(old.head, head) if old.head and head else []
        touched_records = any(p.split("/", 1)[0] not in (INTENTS_DIR,) for p in changed) or not changed
        if touched_records:
            new = self._read_snapshot(head)
        else:
            names = sorted({p.split("/")[1] for p in changed if p.count("/") >= 2})
            packages_now = dict(old.packages)
            trees = self._package_trees(head)
            for name in names:
                files = self.repo.read_tree_files(head, f"{INTENTS_DIR}/{name}")
                prefix = f"{INTENTS_DIR}/{name}/"
                if files:
                    view = self._cached_view(trees.get(name, "")) or readmodel.package_view(name, trees.get(name, ""), {p[len(prefix) :]: c for p, c in files.items()})
                    packages_now[name] = self._remember(view)
                else:
                    packages_now.pop(name, None)
            new = replace(old, head=head, packages=packages_now)
        self.snapshot = new
        names = sorted(set(old.packages) | set(new.packages))
        changes = [(n, old.packages.get(n), new.packages.get(n)) for n in names if _tree(old.packages.get(n)) != _tree(new.packages.get(n))]
        with self._pushed_lock:
            self._pushed.extend(changes)
        return changes

    async def refresh(self) -> list[tuple[str, PackageView | None, PackageView | None]]:
        """Follow pushes to `main` made by others; the packages they changed, each told once (also
        those the writer caught up with before a commit of its own)."""
        stamp = self.repo.ref_stamp()
        if stamp != self._ref_stamp:
            self._ref_stamp = stamp
            if self.repo.head() != self.snapshot.head:
                await self._in_writer(self.follow)
        with self._pushed_lock:
            changes, self._pushed = self._pushed, []
        return changes

    # ---- operations -----------------------------------------------------------------------------

    async def create(self, intent: Mapping[str, Any]) -> PackageView:
        name = krm.name(intent)
        async with self._lock(name):
            taken = self._name_taken(name, intents.tmf_name(intent))
            if taken:
                raise ApiError(409, taken, reason="Duplicate name")
            moment = now()
            stamped = intents.stamped(intent, moment, moment, moment)
            return await self._render_and_commit(name, stamped, None, f"Create intent {name}")

    async def update(self, name: str, intent: Mapping[str, Any]) -> PackageView:
        async with self._lock(name):
            current = self.snapshot.packages.get(name)
            if current is None:
                raise ApiError(404, f"no intent {name}")
            other = self._name_taken(name, intents.tmf_name(intent), exclude=name)
            if other:
                raise ApiError(409, other, reason="Duplicate name")
            if _same_request(current.intent, intent):
                return current
            stamped = intents.stamped(intent, current.created or now(), now(), current.status_changed)
            return await self._render_and_commit(name, stamped, current, f"Update intent {name}")

    async def delete(self, name: str) -> PackageView:
        async with self._lock(name):
            current = self.snapshot.packages.get(name)
            if current is None:
                raise ApiError(404, f"no intent {name}")
            changes = Changes(removed=[f"{INTENTS_DIR}/{name}", f"{readmodel.PORCH_DIR}/{name}.yaml", f"{readmodel.REPORTS_DIR}/{name}.json"])
            await self._in_writer(self._commit_removal, name, changes, current.tree)
            self._notify(name, current, None)
            return current

    async def probe(self, intent: Mapping[str, Any]) -> ProbeResult:
        """Render `intent` as POST (or, for the name of an existing intent, PATCH) would; commit nothing."""
        name = krm.name(intent)
        current = self.snapshot.packages.get(name)
        moment = now()
        stamped = intents.stamped(intent, current.created if current else moment, moment, moment)
        done = await self._render(name, stamped, current)
        if not done.ok:
            errors = done.outcome.errors() or [{"severity": "error", "message": (done.outcome.stderr or "the render failed").strip()[-2000:]}]
            return ProbeResult(reports.feasibility(errors), reports.conflicts_in_results(done.outcome.results), None, done.outcome.results)
        return ProbeResult(reports.feasibility(), reports.conflict_reports(done.view), done.view, done.outcome.results)

    async def put_record(self, folder: str, identifier: str, content: bytes | None, message: str) -> None:
        """Write (or, with None, remove) `<folder>/<identifier>.json` in one commit."""
        path = f"{folder}/{identifier}.json"
        changes = Changes(removed=[path]) if content is None else Changes(files={path: content})
        await self._in_writer(self._commit_record, folder, identifier, content, changes, message)

    # ---- internals ------------------------------------------------------------------------------

    def _name_taken(self, name: str, tmf_name: str, exclude: str | None = None) -> str:
        for other, view in self.snapshot.packages.items():
            if other == exclude:
                continue
            if other == name:
                return f"an intent named {name} exists (GET /tmf-api/intentManagement/v5/intent/{name}); PATCH it, or choose another name"
            if intents.tmf_name(view.intent) in (name, tmf_name):
                return f"intent {other} is already named {intents.tmf_name(view.intent)}; choose another name"
        return ""

    def _lock(self, name: str) -> asyncio.Lock:
        lock = self._locks.get(name)
        if lock is None:
            lock = self._locks[name] = asyncio.Lock()
        return lock

    async def _render_and_commit(self, name: str, intent: Mapping[str, Any], current: PackageView | None, message: str) -> PackageView:
        for _ in range(MAX_ATTEMPTS):
            base = self.snapshot.packages.get(name)
            base_tree = base.tree if base else None
            done = await self._render(name, intent, base, windowed=True)
            window = done.window
            try:
                if not done.ok and done.offset:
                    # Its window may have pushed it past the end of a nearly full subnet: without one, it
                    # is what a render alone would say (the commit check still keeps addresses apart).
                    self._give_window(window)
                    window = None
                    done = await self._render(name, intent, base)
                if not done.ok:
                    raise render_failure(name, done.outcome)
                _stamp_status(done, current)
                try:
                    view = await self._in_writer(self._commit_package, done, base_tree, message)
                except Conflict as moved:
                    log.info("%s: %s; rendering again", name, moved)
                    continue
            finally:
                self._give_window(window)
            self._notify(name, current, view)
            return view
        raise ApiError(503, f"intent {name} kept colliding with concurrent changes after {MAX_ATTEMPTS} renders; try again", reason="Busy")

    def _take_window(self) -> int:
        """The lowest address window no other render in flight holds."""
        with self._windows_lock:
            window = min(set(range(len(self._windows) + 1)) - self._windows)
            self._windows.add(window)
            return window

    def _give_window(self, window: int | None) -> None:
        if window is not None:
            with self._windows_lock:
                self._windows.discard(window)

    def _offset(self, snapshot: Snapshot, window: int | None) -> int:
        """addressOffset of a render in `window`: renders running at once start their addresses
        `width` free addresses apart, so they do not pick the same ones (window 0 and probes: none)."""
        base = packages.base_offset(self._blueprint) if self._blueprint else 0
        if not window:
            return base
        largest = max((sum(1 for c, _ in view.addresses if c == cluster) for view in snapshot.packages.values() for cluster in {c for c, _ in view.addresses}), default=0)
        return base + window * max(WINDOW, 2 * largest)

    async def _render(self, name: str, intent: Mapping[str, Any], base: PackageView | None, windowed: bool = False) -> Rendered:
        """Render in the pool; `windowed`: in an address window of its own, held until given back."""
        return await asyncio.get_running_loop().run_in_executor(self._renders, self._render_job, name, intent, base, windowed)

    def _render_job(self, name: str, intent: Mapping[str, Any], base: PackageView | None, windowed: bool) -> Rendered:
        # The addresses to keep clear, and the window, are taken when the render starts, not when
        # the request came: requests wait for a render slot, and commits land meanwhile.
        window = self._take_window() if windowed else None
        try:
            return self._render_package(name, intent, base, window)
        except BaseException:
            self._give_window(window)
            raise

    def _render_package(self, name: str, intent: Mapping[str, Any], base: PackageView | None, window: int | None) -> Rendered:
        snapshot = self.snapshot
        reserved = snapshot.addresses_except(name)
        offset = self._offset(snapshot, window)
        head = snapshot.head
        with tempfile.TemporaryDirectory(prefix="render-", dir=self._scratch) as scratch:
            package = Path(scratch) / name
            if base is None:
                upstream = packages.Upstream(self._repo_url(), "/" + snapshot.blueprint, snapshot.blueprint_commit)
                packages.clone(self._blueprint, self._inventory, name, intent, reserved, upstream, package, offset)
            else:
                prefix = f"{INTENTS_DIR}/{name}/"
                for path, content in self.repo.read_tree_files(head, prefix).items():
                    target = package / path[len(prefix) :]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(content)
                packages.replace_intent(package, intent, reserved, offset)
            outcome = renderer.render_in_place(package, self.settings.render, timeout=self.settings.render_timeout)
            if not outcome.ok:
                return Rendered(name, False, outcome, offset=offset, window=window)
            files = _folder_files(package)
            return Rendered(name, True, outcome, files, readmodel.package_view(name, "", files), offset, window)

    def _commit_package(self, done: Rendered, base_tree: str | None, message: str) -> PackageView:
        """(Writer thread.) Commit a rendered package if nothing moved under it."""
        name = done.name
        for _ in range(MAX_ATTEMPTS):
            self.follow()
            snapshot = self.snapshot
            current = snapshot.packages.get(name)
            if (current.tree if current else None) != base_tree:
                raise Conflict(f"intents/{name} changed since its render started")
            assert done.view is not None
            held = snapshot.address_holders(done.view.addresses, name)
            if held:
                claims = ", ".join(f"{address} on {cluster} (intent {other})" for (cluster, address), other in sorted(held.items())[:5])
                raise Conflict(f"addresses taken meanwhile: {claims}")
            changes = Changes(removed=[f"{INTENTS_DIR}/{name}"], files={f"{INTENTS_DIR}/{name}/{p}": c for p, c in done.files.items()})
            if self.settings.porch_variants:
                changes.files[f"{readmodel.PORCH_DIR}/{name}.yaml"] = porch.package_variant(name, self.settings).encode()
            try:
                commit = self.repo.commit(changes, _message(message, done.view), snapshot.head)
            except Moved:
                continue
            head = commit or snapshot.head
            view = self._remember(replace(done.view, tree=self.repo.tree_of(head, f"{INTENTS_DIR}/{name}") or ""))
            self.snapshot = snapshot.with_package(head, view, name)
            return view
        raise Conflict("main kept moving")

    def _commit_removal(self, name: str, changes: Changes, base_tree: str) -> None:
        for _ in range(MAX_ATTEMPTS):
            self.follow()
            snapshot = self.snapshot
            current = snapshot.packages.get(name)
            if current is None:
                raise ApiError(404, f"no intent {name}")
            if current.tree != base_tree:
                raise ApiError(409, f"intent {name} changed while it was being deleted; try again")
            try:
                commit = self.repo.commit(changes, f"Delete intent {name}\n", snapshot.head)
            except Moved:
                continue
            self.snapshot = snapshot.with_package(commit or snapshot.head, None, name)
            return
        raise ApiError(503, "the repository kept moving; try again", reason="Busy")

    def _commit_record(self, folder: str, identifier: str, content: bytes | None, changes: Changes, message: str) -> None:
        for _ in range(MAX_ATTEMPTS):
            self.follow()
            snapshot = self.snapshot
            try:
                commit = self.repo.commit(changes, message + "\n", snapshot.head)
            except Moved:
                continue
            head = commit or snapshot.head
            record = json.loads(content) if content is not None else None
            if folder == readmodel.REPORTS_DIR:
                deleted = dict(snapshot.deleted_reports)
                if record is None:
                    deleted.pop(identifier, None)
                else:
                    deleted[identifier] = frozenset(record.get("deleted") or [])
                self.snapshot = replace(snapshot, head=head, deleted_reports=deleted)
            else:
                attribute = "specifications" if folder == readmodel.SPECIFICATIONS_DIR else "hubs"
                records = dict(getattr(snapshot, attribute))
                if record is None:
                    records.pop(identifier, None)
                else:
                    records[identifier] = record
                self.snapshot = replace(snapshot, head=head, **{attribute: records})
            return
        raise ApiError(503, "the repository kept moving; try again", reason="Busy")

    async def _in_writer(self, function: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._writer, function, *args)

    def _notify(self, name: str, old: PackageView | None, new: PackageView | None) -> None:
        for listener in self.listeners:
            try:
                listener(name, old, new)
            except Exception:
                log.exception("a change listener failed")

    def _repo_url(self) -> str:
        return self.settings.repo_url or self.repo.path.as_uri()


README = """# Intent gateway repository

Written by `intent-gateway` (functions/gateway/README.md): one kpt package per TMF921 intent.

- `intents/<name>/`: the intent's package, cloned from `blueprints/`, with the intent in
  `intent.yaml`, rendered by the project's pipeline;
- `blueprints/<blueprint>/`: the blueprint every intent package is cloned from;
- `inventory/`: the clusters intents may target (WorkloadClusters, SiteNetworkPlans);
- `porch/<name>.yaml`: a Porch PackageVariant per intent (with `--porch-variants`);
- `specifications/`, `hubs/`, `intent-reports/`: TMF921 IntentSpecifications, event
  subscriptions and deleted report ids.

Every commit is one acknowledged request; history is linear.
"""


def render_failure(name: str, outcome: renderer.Outcome) -> ApiError:
    errors = outcome.errors()
    if not errors:
        detail = (outcome.stderr or outcome.stdout or "").strip()[-2000:]
        return ApiError(422, f"the render of intent {name} failed: {detail}", reason="Render failed", results=outcome.results)
    first = reports._result_text(errors[0])
    more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
    return ApiError(422, f"the render of intent {name} failed, nothing was committed: {first}{more}", reason="Render failed", results=outcome.results)


def _message(summary: str, view: PackageView | None) -> str:
    lines = [summary, ""]
    if view is not None:
        for pr in view.provisioning_requests:
            lines.append(f"ProvisioningRequest {pr.name} on {pr.cluster}: {len(pr.workloads)} workload resources")
        for gate in view.gates:
            lines.append(f"SLOGate {gate.name}: {gate.phase or 'not evaluated'}")
    return "\n".join(lines).rstrip() + "\n"


def _stamp_status(done: Rendered, previous: PackageView | None) -> None:
    """Record when the intent's reported status changed, in its annotations."""
    assert done.view is not None
    status = reports.lifecycle_status(done.view)
    if previous is not None and reports.lifecycle_status(previous) == status:
        moment = previous.status_changed
    else:
        moment = krm.annotations(done.view.intent).get(readmodel.UPDATED) or now()
    text = done.files[packages.INTENT_FILE].decode()
    docs = krm.load_round_trip(text)
    for doc in docs:
        if krm.is_kind(doc, krm.TMF921, "Intent"):
            doc["metadata"].setdefault("annotations", {})[readmodel.STATUS_CHANGED] = moment
    done.files[packages.INTENT_FILE] = krm.dump_round_trip(docs).encode()
    done.view = replace(done.view, intent=krm.documents(done.files[packages.INTENT_FILE])[0])


def _same_request(old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    def asked(intent: Mapping[str, Any]) -> Any:
        return (intent.get("spec"), krm.namespace(intent), {k: v for k, v in krm.annotations(intent).items() if not k.startswith(readmodel.ANNOTATION_PREFIX)}, dict(krm.labels(intent)))

    return asked(old) == asked(new)


def _tree(view: PackageView | None) -> str | None:
    return view.tree if view else None


def _folder_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.relative_to(folder).parts}
