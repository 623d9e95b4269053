"""HTML of Beacon Boardroom's pages, rendered on the server (a little vanilla JS for the timer).

Every value that came from a person (names, messages) goes through
:func:`html.escape`.  Pages are plain forms: they work on any phone.
"""

from __future__ import annotations

from html import escape

from casekit.game.roles import CARDS, N_ROUNDS, ROLE_NAMES, ROLES, UNLOCK_ROUND, fields
from casekit.game.rules import KPIS, TEAM_METRICS

__all__ = ["page", "home_page", "join_page", "player_page", "console_login", "console_page", "games_page", "money"]

_CSS = """
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2733}
header{background:#1f3a5f;color:#fff;padding:.7em 1em;display:flex;gap:1em;align-items:baseline;flex-wrap:wrap}
header h1{font-size:1.2em;margin:0}main{max-width:980px;margin:auto;padding:1em}
section{background:#fff;border-radius:8px;padding:.8em 1em;margin:.8em 0;box-shadow:0 1px 2px #0002}
h2{font-size:1.05em;margin:.2em 0 .6em}table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{padding:.3em .5em;border-bottom:1px solid #e3e6ea;text-align:right}th:first-child,td:first-child{text-align:left}
label{display:block;margin:.4em 0}input,select,button{font-size:1em;padding:.3em}
button{background:#1f3a5f;color:#fff;border:0;border-radius:5px;padding:.45em 1em;cursor:pointer;margin:.2em}
button.secondary{background:#6b7785}.msg{padding:.6em 1em;border-radius:6px;margin:.6em 0}
.ok{background:#e3f4e8;border:1px solid #7cc494}.err{background:#fde8e8;border:1px solid #e08080}
.code{font-size:2em;letter-spacing:.15em;font-weight:bold}.muted{color:#6b7785}.neg{color:#b3261e}
.card dt{font-weight:bold}.card dd{margin:0 0 .5em 0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:.8em}
"""

_JS = """
(function(){var el=document.getElementById('timer');var st=document.body.dataset;
if(el&&st.deadline>0){var off=Date.now()/1000-Number(st.now);
 setInterval(function(){var s=Math.max(0,Math.round(Number(st.deadline)-(Date.now()/1000-off)));
 el.textContent=Math.floor(s/60)+':'+String(s%60).padStart(2,'0');},500);}
if(st.state){setInterval(function(){fetch(st.state).then(function(r){return r.json()}).then(function(j){
 if(j.round!=st.round||j.phase!=st.phase||String(j.unlocked)!=st.unlocked){location.reload();}}).catch(function(){});},3000);}
document.querySelectorAll('form.once').forEach(function(f){f.addEventListener('submit',function(){
 setTimeout(function(){f.querySelectorAll('button').forEach(function(b){b.disabled=true;});},0);});});
})();
"""


def money(x: float) -> str:
    """Format dollars for a page: ``$1.2M``, ``-$35k``.

    Examples
    --------
    >>> money(1_234_567), money(-35_400), money(512)
    ('$1.23M', '-$35.4k', '$512')
    """
    sign, x = ("-" if x < 0 else ""), abs(float(x))
    if x >= 1e6:
        return f"{sign}${x / 1e6:.2f}M"
    if x >= 1e4:
        return f"{sign}${x / 1e3:.1f}k"
    return f"{sign}${x:,.0f}"


def _value(metric: str, x: float) -> str:
    if metric.endswith("_pct"):
        return f"{x:.1f}%"
    if metric == "cost_to_serve_per_case":
        return f"${x:.2f}"
    cls = ' class="neg"' if x < 0 else ""
    return f"<span{cls}>{money(x)}</span>"


def _label(metric: str) -> str:
    return metric.replace("_pct", " %").replace("_", " ")


def page(title: str, body: str, *, header: str = "", data: dict | None = None, status_line: str = "") -> str:
    """Wrap a page body in the common layout."""
    attrs = " ".join(f'data-{k}="{escape(str(v))}"' for k, v in (data or {}).items())
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"<meta name=viewport content='width=device-width,initial-scale=1'><title>{escape(title)}</title>"
            f"<style>{_CSS}</style></head><body {attrs}><header><h1>Beacon Boardroom</h1>{header}"
            f"<span>{status_line}</span></header><main>{body}</main><script>{_JS}</script></body></html>")


def _message(msg: str | None, ok: bool) -> str:
    if not msg:
        return ""
    return f'<div class="msg {"ok" if ok else "err"}" role="status" id="message">{escape(msg)}</div>'


def home_page(msg: str | None = None) -> str:
    """The page a player opens first: type the room code."""
    body = (f"{_message(msg, False)}<section><h2>Join a game</h2><form method=get action=/join>"
            "<label>Room code <input name=room autocomplete=off maxlength=8 required "
            "style='text-transform:uppercase'></label><button>Find my table</button></form></section>"
            "<p class=muted>Instructor? <a href=/console>Open the console</a>.</p>")
    return page("Beacon Boardroom", body)


def join_page(code: str, seats: list[dict], msg: str | None = None) -> str:
    """Pick a team and a role among the open seats."""
    rows = []
    for s in seats:
        taken = s["kind"] != "open"
        who = escape(s["name"] or "") if taken else "open"
        button = ("" if taken else f"<button name=seat value='{s['team']}:{s['role']}'>Take this seat</button>")
        rows.append(f"<tr><td>Team {s['team']}</td><td>{ROLE_NAMES[s['role']]}</td><td>{who}</td>"
                    f"<td>{button}</td></tr>")
    body = (f"{_message(msg, False)}<section><h2>Room {escape(code)}: pick your seat</h2>"
            f"<form method=post action=/join class=once><input type=hidden name=room value='{escape(code)}'>"
            "<label>Your name <input name=name maxlength=40></label>"
            f"<table><tr><th>team</th><th>role</th><th>seat</th><th></th></tr>{''.join(rows)}</table>"
            "</form></section>")
    return page(f"Join {code}", body)


def _card(role: str) -> str:
    c = CARDS[role]
    return (f"<section class=card><h2>Your role card: {ROLE_NAMES[role]}</h2><dl>"
            f"<dt>You decide</dt><dd>{escape(c['decides'])}</dd><dt>You are paid on</dt><dd>{escape(c['paid_on'])}</dd>"
            f"<dt>You see</dt><dd>{escape(c['sees'])}</dd></dl></section>")


def _form(role: str, ctx, current: dict, round_no: int, request_id: str) -> str:
    inputs = []
    for f in fields(role, ctx):
        if f.rewrite and not ctx.unlocked:
            continue
        value = current.get(f.name, f.default)
        if f.choices:
            opts = "".join(f"<option{' selected' if str(value) == c else ''}>{escape(c)}</option>" for c in f.choices)
            control = f"<select name={f.name}>{opts}</select>"
        else:
            control = f"<input type=number name={f.name} min={f.low} max={f.high} value='{escape(str(value))}'>"
        inputs.append(f"<label>{escape(f.label)} {control}</label>")
    return (f"<form method=post class=once><input type=hidden name=round value={round_no}>"
            f"<input type=hidden name=request_id value='{escape(request_id)}'>{''.join(inputs)}"
            f"<button id=submit>Submit round {round_no}</button></form>")


def _table(kpis: dict, metrics: list[str], *, caption: str = "") -> str:
    if not kpis:
        return "<p class=muted>No round closed yet.</p>"
    head = "".join(f"<th>{_label(m)}</th>" for m in metrics)
    rows = "".join(f"<tr><td>Q{r}</td>{''.join(f'<td>{_value(m, q[m])}</td>' for m in metrics)}</tr>"
                   for r, q in sorted(kpis.items()))
    return f"{caption}<table><tr><th>round</th>{head}</tr>{rows}</table>"


def player_page(*, code: str, team: int, role: str, meta: dict, ctx, current: dict, submitted: bool,
                kpis: dict, account_pnl=None, request_id: str = "", msg: str | None = None, ok: bool = True,
                now: float = 0.0) -> str:
    """A player's own dashboard: role card, decision form, own KPIs; the team P&L once unlocked."""
    r, phase = meta["round"], meta["phase"]
    if phase == "open":
        state = ("<p>Your decision for this round is <b>recorded</b>; you may change it until the round closes.</p>"
                 if submitted else "<p class=muted>Not submitted yet: if you do not, your last decision carries.</p>")
        decide = (f"<section><h2>Round {r} of {N_ROUNDS}: your decision</h2>{state}"
                  f"{_form(role, ctx, current, r, request_id)}</section>")
    elif phase == "finished":
        decide = "<section><h2>The game is over</h2><p>Your instructor will debrief it.</p></section>"
    else:
        decide = (f"<section><h2>Waiting for round {r + 1}</h2><p class=muted>The instructor opens the next "
                  "round; this page refreshes by itself.</p></section>")
    own = _table(kpis, KPIS[role])
    body = [_message(msg, ok), decide,
            f"<section id=dashboard><h2>Your dashboard ({ROLE_NAMES[role]})</h2>{own}</section>", _card(role)]
    if meta["unlocked"]:
        team_metrics = TEAM_METRICS + [k for v in KPIS.values() for k in v if k not in TEAM_METRICS]
        body.insert(2, f"<section id=team><h2>Team {team}: the shared P&amp;L (unlocked in round {UNLOCK_ROUND})</h2>"
                       f"{_table(kpis, team_metrics)}</section>")
        if account_pnl is not None:
            rows = "".join(f"<tr><td>{escape(str(x.line))}</td><td>{escape(str(x.owner))}</td>"
                           f"<td>{_value('x', x.amount)}</td></tr>" for x in account_pnl.itertuples())
            body.insert(3, f"<section id=account><h2>Account {escape(str(current.get('account', '')))}: who owns "
                           "each line</h2><table><tr><th>line</th><th>owner</th><th>amount</th></tr>"
                           f"{rows}</table></section>")
    timer = "<span>time left <b id=timer>–</b></span>" if phase == "open" else ""
    head = (f"<span>Room {escape(code)}</span><span>Team {team}</span><span>{ROLE_NAMES[role]}</span>"
            f"<span>Round {r}/{N_ROUNDS} ({phase})</span>{timer}")
    data = {"state": f"/api/{code}/state", "round": r, "phase": phase, "unlocked": meta["unlocked"],
            "deadline": meta.get("deadline", 0), "now": now}
    return page(f"{ROLE_NAMES[role]} · team {team}", "".join(body), header=head, data=data)


def console_login(msg: str | None = None) -> str:
    """Ask for the instructor's key."""
    body = (f"{_message(msg, False)}<section><h2>Instructor console</h2><form method=post action=/console/login>"
            "<label>Instructor key <input name=key type=password autocomplete=off></label><button>Open</button>"
            "</form><p class=muted>The key is printed when the server starts (and kept in the game folder's "
            "instructor.key).</p></section>")
    return page("Console", body)


def _create_form() -> str:
    return ("<section><h2>Create a game</h2><form method=post action=/console/create class=once>"
            "<label>Case <select name=case><option>precision</option><option>mass</option></select></label>"
            "<label>Seed <input type=number name=seed value=1 min=0 max=999999></label>"
            "<label>Teams <input type=number name=teams value=2 min=1 max=40></label>"
            "<label>Round length (s) <input type=number name=round_seconds value=300 min=10 max=3600></label>"
            "<label>Buyer seat <select name=buyer><option value=0>no</option><option value=1>yes</option>"
            "</select></label><button>Create</button></form></section>")


def games_page(codes: list[str], msg: str | None = None, ok: bool = True) -> str:
    """The console's first page: the games in the folder and a form to create one."""
    items = "".join(f"<li><a href='/console/{escape(c)}'>{escape(c)}</a></li>" for c in codes) or "<li>none yet</li>"
    body = f"{_message(msg, ok)}<section><h2>Games</h2><ul>{items}</ul></section>{_create_form()}"
    return page("Console", body)


def leaderboard_table(board: list[dict]) -> str:
    rows = "".join(f"<tr><td>{b['rank'] or '–'}</td><td>Team {b['team']}</td><td>{_value('p', b['profit'])}</td>"
                   f"<td>{_value('p', b['last'])}</td></tr>" for b in board)
    return (f"<table id=leaderboard><tr><th>rank</th><th>team</th><th>profit so far</th><th>last quarter</th></tr>"
            f"{rows}</table>")


def console_page(*, code: str, meta: dict, seats: list[dict], submitted: set, board: list[dict],
                 join_url: str, msg: str | None = None, ok: bool = True, now: float = 0.0) -> str:
    """The instructor's console for one game."""
    r, phase = meta["round"], meta["phase"]
    buttons = []
    if phase in ("lobby", "closed"):
        buttons.append(f"<button name=action value=start>Start round {r + 1}</button>")
    if phase in ("open", "closing"):
        buttons.append(f"<button name=action value=close>Close round {r}</button>")
    if not meta["unlocked"] and r >= UNLOCK_ROUND - 1 and phase in ("closed", "finished"):
        buttons.append(f"<button name=action value=unlock>Unlock round {UNLOCK_ROUND}: shared P&amp;L and "
                       "bonus-plan rewrite</button>")
    if phase != "open":
        buttons.append("<button class=secondary name=action value=shuffle>Shuffle seats</button>")
    buttons.append("<select name=strategy><option>mix</option><option>silo</option><option>aligned</option>"
                   "<option>random</option></select><button class=secondary name=action value=bots>"
                   "Fill empty seats with bots</button>")
    roles = [x for x in ROLES if any(s["role"] == x for s in seats)]
    by = {(s["team"], s["role"]): s for s in seats}
    rows = []
    for t in range(1, meta["n_teams"] + 1):
        cells = []
        for role in roles:
            s = by[(t, role)]
            mark = " ✓" if (t, role) in submitted else ""
            who = "open" if s["kind"] == "open" else escape(s["name"] or s["kind"])
            cells.append(f"<td>{who}{mark}</td>")
        rows.append(f"<tr><td>Team {t}</td>{''.join(cells)}</tr>")
    seat_table = (f"<table id=seats><tr><th>team</th>{''.join(f'<th>{ROLE_NAMES[x]}</th>' for x in roles)}</tr>"
                  f"{''.join(rows)}</table><p class=muted>✓ submitted this round</p>")
    body = (f"{_message(msg, ok)}<section><h2>Room code</h2><div class=code id=room>{escape(code)}</div>"
            f"<p>Players open <b>{escape(join_url)}</b> and type the code. Case {escape(meta['case'])}, seed "
            f"{meta['seed']}, {meta['n_teams']} teams, rounds of {meta['round_seconds']} s.</p></section>"
            f"<section><h2>Round {r} of {N_ROUNDS} ({phase})</h2><form method=post action='/console/{escape(code)}' "
            f"class=once>{''.join(buttons)}</form></section>"
            f"<div class=grid><section><h2>Leaderboard</h2>{leaderboard_table(board)}</section>"
            f"<section><h2>Seats</h2>{seat_table}</section></div>"
            "<p><a href=/console>All games</a></p>")
    timer = "<span>time left <b id=timer>–</b></span>" if phase == "open" else ""
    data = {"state": f"/api/{code}/state", "round": r, "phase": phase, "unlocked": meta["unlocked"],
            "deadline": meta.get("deadline", 0), "now": now}
    return page(f"Console {code}", body, header=f"<span>Console · room {escape(code)}</span>{timer}", data=data)
