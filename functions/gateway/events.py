"""TMF921 event notifications to the listeners registered with POST /hub.

A hub's `callback` is the listener's base URL: an event is POSTed to
`{callback}/listener/{eventName}` (`/listener/intentCreateEvent`, ...), the client-side paths of
the TMF921 v5 OAS.  A hub's `query` may select event types (`eventType=IntentCreateEvent,IntentDeleteEvent`).
Delivery is asynchronous, after the change is committed, with bounded retries: a listener that
answers with anything but 2xx, or not at all, gets `attempts` tries in all, `backoff` seconds
apart; then the event is dropped (and logged).  A hub gets its events one at a time, in the order
they happened (an intent's create event before its report's).  Events are not persisted: those in flight when the
gateway stops are lost, the change they report is not.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any, Callable, Mapping
from urllib.parse import parse_qs

from oran_intent_krm.models.tmf921_api import EVENT_TYPES

from .errors import ApiError
from .timestamps import now

log = logging.getLogger("intent-gateway.events")


def listener_path(event_type: str) -> str:
    return "/listener/" + event_type[:1].lower() + event_type[1:]


def selected_types(query: str | None) -> frozenset[str]:
    """The event types a hub query selects; ApiError 400 for a query the gateway cannot honour."""
    if not query:
        return frozenset(EVENT_TYPES)
    parsed = parse_qs(query.lstrip("?"), keep_blank_values=True)
    unknown = sorted(set(parsed) - {"eventType"})
    if unknown:
        raise ApiError(400, f"hub query: only eventType can be selected on, not {', '.join(unknown)} (e.g. eventType=IntentCreateEvent,IntentDeleteEvent)")
    types = {t.strip() for value in parsed.get("eventType", []) for t in value.split(",") if t.strip()}
    wrong = sorted(types - set(EVENT_TYPES))
    if wrong or not types:
        raise ApiError(400, f"hub query: unknown event type {', '.join(wrong) or '(none)'}; known: {', '.join(EVENT_TYPES)}")
    return frozenset(types)


class Notifier:
    def __init__(self, hubs: Callable[[], Mapping[str, Mapping[str, Any]]], attempts: int = 3, backoff: float = 1.0, timeout: float = 5.0):
        self._hubs = hubs
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout
        self._client: Any = None
        self._tasks: set[asyncio.Task] = set()
        self._last: dict[str, asyncio.Task] = {}  # per hub, the newest delivery: the next one waits for it

    async def start(self) -> None:
        import httpx

        self._client = httpx.AsyncClient(timeout=self.timeout, follow_redirects=False, trust_env=False)

    async def close(self, grace: float = 2.0) -> None:
        await self.drain(grace)
        for task in list(self._tasks):
            task.cancel()
        if self._client is not None:
            await self._client.aclose()

    async def drain(self, timeout: float) -> None:
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=timeout)

    def publish(self, event_type: str, payload: Mapping[str, Any], correlation_id: str | None = None) -> dict[str, Any]:
        """Send one event to every hub that selects its type; returns the event."""
        moment = now()
        event = {
            "@type": event_type,
            "eventId": str(uuid.uuid4()),
            "eventTime": moment,
            "eventType": event_type,
            "timeOccurred": moment,
            "domain": "intentManagement",
            "title": event_type,
            "event": dict(payload),
        }
        if correlation_id:
            event["correlationId"] = correlation_id
        for hub in list(self._hubs().values()):
            try:
                wanted = selected_types(hub.get("query"))
            except ApiError:
                continue
            if event_type in wanted and self._client is not None:
                self._queue(dict(hub), event)
        return event

    def _queue(self, hub: Mapping[str, Any], event: Mapping[str, Any]) -> None:
        key = str(hub.get("id") or hub["callback"])
        task = asyncio.get_running_loop().create_task(self._deliver_after(self._last.get(key), hub, event))
        self._last[key] = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda done: self._last.pop(key) if self._last.get(key) is done else None)

    async def _deliver_after(self, previous: asyncio.Task | None, hub: Mapping[str, Any], event: Mapping[str, Any]) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        await self._deliver(hub, event)

    async def _deliver(self, hub: Mapping[str, Any], event: Mapping[str, Any]) -> None:
        url = str(hub["callback"]).rstrip("/") + listener_path(str(event["eventType"]))
        for attempt in range(1, self.attempts + 1):
            try:
                answer = await self._client.post(url, json=event)
                if 200 <= answer.status_code < 300:
                    return
                problem = f"answered {answer.status_code}"
            except Exception as error:  # any transport failure counts as a failed attempt
                problem = f"{type(error).__name__}: {error}"
            if attempt < self.attempts:
                await asyncio.sleep(self.backoff * attempt)
        log.warning("dropped %s %s for hub %s after %d attempts: %s", event["eventType"], event["eventId"], hub.get("id"), self.attempts, problem)
