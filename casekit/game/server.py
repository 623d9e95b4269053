"""Beacon Boardroom's web server: a Starlette app over a folder of games, served by uvicorn.

Players join with a room code and get a per-seat token in a cookie; every
request that reads a dashboard or submits a decision is answered for the
token's seat only.  The instructor console needs the instructor's key.
Request bodies are bounded (:data:`MAX_BODY`).

From a notebook cell: ``from casekit.game.server import serve; serve(background=True)``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hmac
import os
import re
import secrets
import threading
import time
import urllib.parse
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from casekit.game import pages
from casekit.game.roles import DecisionError
from casekit.game.room import GameError, Room
from casekit.game.store import Store

__all__ = ["MAX_BODY", "make_app", "instructor_key", "serve"]

MAX_BODY = 4096
"""Largest request body accepted, in bytes (a decision is a few hundred)."""

KEY_COOKIE = "boardroom_key"
_CODE = re.compile(r"^[A-Z]{5}$")


class TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: refuse a request whose declared body is over ``limit`` bytes (413)."""

    def __init__(self, app, limit: int = MAX_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            length = dict(scope.get("headers") or []).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > self.limit:
                await PlainTextResponse("request too large", status_code=413)(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def read_form(request: Request) -> dict:
    """Read a urlencoded form of at most :data:`MAX_BODY` bytes; a repeated field is malformed."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise TooLarge
    try:
        pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=40)
    except (UnicodeDecodeError, ValueError) as e:
        raise DecisionError("the form could not be read; reload the page and try again.") from e
    form = dict(pairs)
    if len(form) != len(pairs):
        raise DecisionError("a field was sent twice; reload the page and try again.")
    return form


def instructor_key(folder, key: str | None = None) -> str:
    """Return the instructor's key: ``key``, else the folder's ``instructor.key``, else a new one saved there."""
    path = Path(folder) / "instructor.key"
    if key:
        return key
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(9)
    path.write_text(key + "\n")
    os.chmod(path, 0o600)
    return key


class Boardroom:
    """The games of one folder, opened on demand (so a restarted server resumes them)."""

    def __init__(self, folder, key: str):
        self.folder, self.key = Path(folder), key
        self.folder.mkdir(parents=True, exist_ok=True)
        self.rooms: dict[str, Room] = {}
        self.locks: dict[str, asyncio.Lock] = {}
        self._open = threading.Lock()
        # one worker scores a team's quarter after each decision, so closing a round finds the model calls done
        self.warmer = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="warm")
        self.pending: set = set()

    def warm(self, room: Room, team: int) -> None:
        """Score ``team``'s open round in the background; a failure there only means closing computes it."""
        key = (room.code, team)
        with self._open:
            if key in self.pending:  # a queued warm-up will read this decision too
                return
            self.pending.add(key)

        def run():
            with self._open:
                self.pending.discard(key)
            room.preview(team)
        self.warmer.submit(run)

    def codes(self) -> list[str]:
        return sorted(p.stem for p in self.folder.glob("*.sqlite") if _CODE.match(p.stem))

    def room(self, code: str) -> Room | None:
        code = str(code).strip().upper()
        if not _CODE.match(code):
            return None
        with self._open:
            if code not in self.rooms:
                path = self.folder / f"{code}.sqlite"
                if not path.exists():
                    return None
                self.rooms[code] = Room(Store(path))
            return self.rooms[code]

    def is_instructor(self, request: Request) -> bool:
        given = request.cookies.get(KEY_COOKIE) or request.headers.get("x-instructor-key") or ""
        return hmac.compare_digest(given.encode(), self.key.encode())


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers={"Cache-Control": "no-store"})


def _seat_cookie(code: str) -> str:
    return f"seat_{code}"


def make_app(folder, *, key: str) -> Starlette:
    """Build the ASGI app serving the games in ``folder``; ``key`` opens the console.

    Examples
    --------
    >>> import tempfile
    >>> from starlette.testclient import TestClient
    >>> client = TestClient(make_app(tempfile.mkdtemp(), key="k"))
    >>> client.get("/").status_code, client.post("/console/create").status_code
    (200, 403)
    """
    br = Boardroom(folder, key)

    async def home(request: Request):
        return _html(pages.home_page())

    async def join_get(request: Request):
        code = request.query_params.get("room", "")
        room = br.room(code)
        if room is None:
            return _html(pages.home_page(f"no game has the room code {code!r}; check it with your instructor."), 404)
        return _html(pages.join_page(room.code, room.store.seats()))

    async def join_post(request: Request):
        try:
            form = await read_form(request)
        except TooLarge:
            return PlainTextResponse("request too large", status_code=413)
        except DecisionError as e:
            return _html(pages.home_page(str(e)), 400)
        room = br.room(form.get("room", ""))
        if room is None:
            return _html(pages.home_page("no game has that room code."), 404)
        if room.seat(request.cookies.get(_seat_cookie(room.code))):
            return RedirectResponse(f"/play/{room.code}", 303)
        team, _, role = form.get("seat", "").partition(":")
        try:
            token = room.join(int(team) if team.isdigit() else -1, role, form.get("name", ""))
        except GameError as e:
            return _html(pages.join_page(room.code, room.store.seats(), str(e)), 409)
        response = RedirectResponse(f"/play/{room.code}", 303)
        response.set_cookie(_seat_cookie(room.code), token, max_age=12 * 3600, httponly=True, samesite="strict")
        return response

    def player(room: Room, token: str, *, msg=None, ok=True, status=200) -> Response:
        team, role = room.seat(token)
        meta = room.meta()
        r = meta["round"]
        current = room.last_decision(team, role, max(r, 1))
        stored = room.store.decision(team, role, r) if r else None
        submitted = stored is not None and stored["source"] == "player"
        kpis = room.kpis(team)
        account_pnl = None
        if meta["unlocked"]:
            account = room.last_decision(team, "sales", max(r, 1))["account"]
            account_pnl = room.market.account_pnl(account)
            current = {**current, "account": account} if role != "sales" else current
        return _html(pages.player_page(code=room.code, team=team, role=role, meta=meta, ctx=room.context(),
                                       current=current, submitted=submitted, kpis=kpis, account_pnl=account_pnl,
                                       request_id=secrets.token_hex(8), msg=msg, ok=ok, now=time.time()), status)

    async def play_get(request: Request):
        room = br.room(request.path_params["code"])
        if room is None:
            return _html(pages.home_page("no game has that room code."), 404)
        token = request.cookies.get(_seat_cookie(room.code))
        if room.seat(token) is None:
            return RedirectResponse(f"/join?room={room.code}", 303)
        return player(room, token)

    async def play_post(request: Request):
        room = br.room(request.path_params["code"])
        if room is None:
            return _html(pages.home_page("no game has that room code."), 404)
        token = request.cookies.get(_seat_cookie(room.code))
        if room.seat(token) is None:
            return _html(pages.home_page("this browser holds no seat in that game; join with the room code."), 403)
        try:
            form = await read_form(request)
            round_no, request_id = form.pop("round", ""), form.pop("request_id", "")
            msg = room.submit(token, form, round_no=round_no, request_id=request_id)
            if msg.startswith("recorded"):
                br.warm(room, room.seat(token)[0])
        except TooLarge:
            return PlainTextResponse("request too large", status_code=413)
        except DecisionError as e:
            return player(room, token, msg=f"not recorded: {e}", ok=False, status=400)
        except GameError as e:
            return player(room, token, msg=str(e), ok=False, status=409)
        return player(room, token, msg=msg)

    async def state(request: Request):
        room = br.room(request.path_params["code"])
        if room is None:
            return JSONResponse({"error": "no such game"}, status_code=404)
        m = room.meta()
        return JSONResponse({k: m[k] for k in ("round", "phase", "unlocked", "deadline")} | {"now": time.time()},
                            headers={"Cache-Control": "no-store"})

    def denied() -> Response:
        return _html(pages.console_login("the console needs the instructor's key."), 403)

    async def console(request: Request):
        if not br.is_instructor(request):
            return _html(pages.console_login())
        return _html(pages.games_page(br.codes(), request.query_params.get("msg")))

    async def login(request: Request):
        try:
            form = await read_form(request)
        except (TooLarge, DecisionError):
            return denied()
        if not hmac.compare_digest(form.get("key", "").encode(), br.key.encode()):
            return _html(pages.console_login("wrong key."), 403)
        response = RedirectResponse("/console", 303)
        response.set_cookie(KEY_COOKIE, br.key, max_age=12 * 3600, httponly=True, samesite="strict")
        return response

    async def create(request: Request):
        if not br.is_instructor(request):
            return denied()
        try:
            f = await read_form(request)
            room = Room.create(br.folder, case=f.get("case", "precision"), seed=int(f.get("seed", "1")),
                               n_teams=int(f.get("teams", "2")), round_seconds=int(f.get("round_seconds", "300")),
                               buyer=f.get("buyer", "0") == "1")
        except TooLarge:
            return PlainTextResponse("request too large", status_code=413)
        except (DecisionError, GameError, ValueError) as e:
            return _html(pages.games_page(br.codes(), f"not created: {e}", ok=False), 400)
        return RedirectResponse(f"/console/{room.code}", 303)

    def console_view(request: Request, room: Room, msg=None, ok=True, status=200) -> Response:
        meta = room.meta()
        r = meta["round"]
        submitted = {(t, x) for t, x in room.store.query(
            "SELECT team, role FROM decisions WHERE round = ? AND source = 'player'", (r,))}
        return _html(pages.console_page(code=room.code, meta=meta, seats=room.store.seats(), submitted=submitted,
                                        board=room.leaderboard(), join_url=str(request.base_url), msg=msg, ok=ok,
                                        now=time.time()), status)

    async def console_game(request: Request):
        if not br.is_instructor(request):
            return denied()
        room = br.room(request.path_params["code"])
        if room is None:
            return _html(pages.games_page(br.codes(), "no such game.", ok=False), 404)
        return console_view(request, room, request.query_params.get("msg"))

    async def console_action(request: Request):
        if not br.is_instructor(request):
            return denied()
        room = br.room(request.path_params["code"])
        if room is None:
            return _html(pages.games_page(br.codes(), "no such game.", ok=False), 404)
        try:
            f = await read_form(request)
            action = f.get("action")
            async with br.locks.setdefault(room.code, asyncio.Lock()):
                if action == "start":
                    msg = f"round {room.start_round()} is open."
                elif action == "close":
                    # on the warm-up worker: queued warm-ups finish first and closing reuses their model calls
                    msg = f"round {await asyncio.wrap_future(br.warmer.submit(room.close_round))} is closed and scored."
                elif action == "unlock":
                    room.unlock()
                    msg = "the shared account P&L and the bonus-plan rewrite are open."
                elif action == "bots":
                    msg = f"{room.fill_bots(f.get('strategy', 'mix'))} seats filled with bots."
                elif action == "shuffle":
                    room.shuffle()
                    msg = "seats shuffled."
                else:
                    raise GameError(f"unknown action {action!r}.")
        except TooLarge:
            return PlainTextResponse("request too large", status_code=413)
        except (GameError, DecisionError) as e:
            return console_view(request, room, str(e), ok=False, status=409)
        return RedirectResponse(f"/console/{room.code}?{urllib.parse.urlencode({'msg': msg})}", 303)

    routes = [
        Route("/", home),
        Route("/join", join_get, methods=["GET"]),
        Route("/join", join_post, methods=["POST"]),
        Route("/play/{code}", play_get, methods=["GET"]),
        Route("/play/{code}", play_post, methods=["POST"]),
        Route("/api/{code}/state", state),
        Route("/console", console, methods=["GET"]),
        Route("/console/login", login, methods=["POST"]),
        Route("/console/create", create, methods=["POST"]),
        Route("/console/{code}", console_game, methods=["GET"]),
        Route("/console/{code}", console_action, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.boardroom = br
    app.add_middleware(BodyLimit)
    return app


def serve(folder="boardroom", *, host="127.0.0.1", port=8870, key=None, background=False, log_level="warning"):
    """Serve Beacon Boardroom; print the players' address, the console's and the instructor's key.

    Parameters
    ----------
    folder : str or Path, default="boardroom"
        Where the games' databases live (one SQLite file per game).
    host : str, default="127.0.0.1"
        ``"0.0.0.0"`` lets a classroom network reach it.
    port : int, default=8870
    key : str, optional
        The instructor's key; kept in ``folder/instructor.key`` otherwise.
    background : bool, default=False
        Run in a thread and return the server (from a notebook cell);
        ``server.should_exit = True`` stops it.
    log_level : str, default="warning"

    Returns
    -------
    uvicorn.Server or None
        The running server when ``background``.
    """
    key = instructor_key(folder, key)
    server = uvicorn.Server(uvicorn.Config(make_app(folder, key=key), host=host, port=int(port), log_level=log_level))
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"Beacon Boardroom: players open http://{shown}:{port}/ ; console http://{shown}:{port}/console ; "
          f"instructor key {key}", flush=True)
    if not background:
        server.run()
        return None
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    return server
