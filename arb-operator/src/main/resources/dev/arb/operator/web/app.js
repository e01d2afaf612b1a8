/* arb operator dashboard: plain JS, no build step, no dependencies. */
(() => {
  'use strict';

  const SPREAD_WINDOW_MS = 15 * 60 * 1000;
  const PNL_MAX_POINTS = 4000;         // decimated by half when full: the whole session stays on the chart
  const STALE_BOOK_MS = 2000;          // a book older than this is highlighted
  const POLL_MS = 500;
  const SSE_RETRY_MS = 15000;
  const FEED_MAX = 200;
  const TOKEN_KEY = 'arb.operator.token';
  const BAD_COUNTERS = new Set(['oneSidedFills', 'unwinds', 'ordersRejected', 'lostAcks', 'droppedInFlight', 'riskBlocked', 'marketLimitBlocked']);

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

  const state = {
    status: null,
    readOnly: false,
    bots: new Map(),   // id -> {root, legsCount, counterKeys, paramKey, spread: [], pnl: []}
    alertKeys: new Set(),
    source: null,
    pollTimer: null,
    sseRetryTimer: null,
    lastStatusAt: 0,
    pendingConfirm: null,
  };

  // ---------- formatting ----------
  const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
  const fmtPct = (v, digits = 3) => (isNum(v) ? v.toFixed(digits) : '—');
  const fmtUs = (v) => (isNum(v) ? (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1)) : '—');
  const text = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));
  const signClass = (v) => { const n = typeof v === 'number' ? v : parseFloat(v); return !Number.isFinite(n) || n === 0 ? 'zero' : n > 0 ? 'pos' : 'neg'; };
  const fmtTime = (iso) => { if (!iso) return '—'; const d = new Date(iso); return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().substring(11, 23); };
  const fmtDuration = (ms) => {
    if (!isNum(ms)) return '—';
    const s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h ? h + 'h ' : '') + (h || m ? String(m).padStart(h ? 2 : 1, '0') + 'm ' : '') + String(s % 60).padStart(h || m ? 2 : 1, '0') + 's';
  };

  function setField(root, field, value, opts = {}) {
    const el = root.querySelector(`[data-field="${field}"]`);
    if (!el) return null;
    const shown = opts.format ? opts.format(value) : text(value);
    if (el.textContent !== shown) el.textContent = shown;
    el.dataset.value = value === null || value === undefined ? '' : String(value);
    if (opts.sign) { el.classList.remove('pos', 'neg', 'zero'); el.classList.add(signClass(value)); }
    return el;
  }

  // ---------- token & read-only ----------
  const tokenInput = $('#token');
  try { tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { /* storage unavailable */ }
  tokenInput.addEventListener('input', () => { try { sessionStorage.setItem(TOKEN_KEY, tokenInput.value); } catch (e) { /* ignore */ } });

  function applyReadOnly(mutations) {
    const ro = typeof mutations === 'string' && mutations.startsWith('disabled');
    state.readOnly = ro;
    document.body.classList.toggle('readonly', ro);
    const banner = $('#readonly-banner');
    banner.hidden = !ro;
    if (ro) banner.textContent = 'Read-only dashboard — ' + mutations;
    $$('[data-action], [data-param], #token').forEach((el) => {
      if (el.closest('#confirm-modal')) return;
      el.disabled = ro;
    });
  }

  // ---------- rendering ----------
  function render(status) {
    state.status = status;
    state.lastStatusAt = Date.now();
    const t = Date.parse(status.time) || Date.now();

    $('#mode').textContent = text(status.mode);
    $('#mode').dataset.mode = status.mode || '';
    $('#uptime').textContent = fmtDuration(status.uptimeMs);
    $('#server-time').textContent = fmtTime(status.time);

    const br = status.breaker || {};
    const bs = $('#breaker-state');
    bs.textContent = text(br.state);
    bs.className = 'badge breaker-' + (br.state || 'UNKNOWN');
    bs.title = br.lastReason ? 'last trip: ' + br.lastReason : 'no trip';
    $('#breaker-trips').textContent = text(br.trips);
    const dp = $('#breaker-daily-pnl');
    dp.textContent = text(br.dailyPnlUsd);
    dp.className = 'num ' + signClass(br.dailyPnlUsd);

    renderVenues(status.venues || []);
    renderAlerts(status.alerts || []);

    const seen = new Set();
    for (const bot of status.bots || []) {
      seen.add(bot.id);
      renderBot(bot, t);
    }
    for (const [id, b] of state.bots) {
      if (!seen.has(id)) { b.root.remove(); state.bots.delete(id); }
    }
    applyReadOnly(status.mutations);
  }

  function renderVenues(venues) {
    const box = $('#venues');
    const key = venues.map((v) => v.name).join('|');
    if (box.dataset.key !== key) {
      box.dataset.key = key;
      box.innerHTML = '';
      for (const v of venues) {
        const chip = document.createElement('span');
        chip.className = 'chip venue';
        chip.dataset.venue = v.name;
        box.appendChild(chip);
      }
    }
    for (const v of venues) {
      const chip = box.querySelector(`[data-venue="${CSS.escape(v.name)}"]`);
      const health = [['reconnects', 'reconnects'], ['sequenceGaps', 'gaps'], ['decodeErrors', 'decode errors'],
        ['rateLimited', 'rate-limited']].filter(([k]) => Number(v[k]) > 0).map(([k, label]) => label + ' ' + v[k]);
      const s = [v.name, v.connected ? text(v.status) : 'DISCONNECTED'].concat(health).join(' · ');
      if (chip.textContent !== s) chip.textContent = s;
      chip.title = 'reconnects ' + (v.reconnects ?? '—') + ', sequence gaps ' + (v.sequenceGaps ?? '—')
        + ', decode errors ' + (v.decodeErrors ?? '—') + ', rate-limited ' + (v.rateLimited ?? '—') + ' (since start)';
      chip.classList.toggle('ok', !!v.connected && v.status === 'OK' && health.length === 0);
      chip.classList.toggle('bad', !v.connected);
      chip.classList.toggle('warn', !!v.connected && (v.status !== 'OK' || health.length > 0));
    }
  }

  function ensureBot(bot) {
    let b = state.bots.get(bot.id);
    if (b) return b;
    const root = $('#bot-template').content.firstElementChild.cloneNode(true);
    root.dataset.bot = bot.id;
    root.id = 'bot-' + bot.id;
    $$('[data-action]', root).forEach((el) => { el.dataset.bot = bot.id; });
    $('[data-role="params"]', root).addEventListener('submit', (e) => { e.preventDefault(); applyParams(bot.id); });
    $('[data-action="reset-params"]', root).addEventListener('click', () => resetParams(bot.id));
    $('#bots').appendChild(root);
    b = { root, legsCount: -1, counterKeys: '', paramKey: '', spread: [], pnl: [] };
    state.bots.set(bot.id, b);
    return b;
  }

  function renderBot(bot, t) {
    const b = ensureBot(bot);
    const r = b.root;
    setField(r, 'id', bot.id);
    const st = setField(r, 'state', bot.state);
    st.className = 'badge state-' + (bot.state || 'UNKNOWN');
    const paused = r.querySelector('[data-field="paused"]');
    paused.hidden = !bot.paused; paused.dataset.value = String(!!bot.paused);
    const halted = r.querySelector('[data-field="halted"]');
    halted.hidden = !bot.halted; halted.dataset.value = String(!!bot.halted);
    setField(r, 'haltReason', bot.haltReason, { format: (v) => (v ? v : '') });
    r.classList.toggle('is-halted', !!bot.halted);
    r.classList.toggle('is-paused', !!bot.paused);

    const s = bot.strategy || {};
    setField(r, 'strategy.name', s.name);
    setField(r, 'strategy.source', s.source);
    setField(r, 'strategy.swaps', s.swaps);
    setField(r, 'strategy.swapFailures', s.swapFailures);
    setField(r, 'strategy.errors', s.errors);

    renderLegs(b, bot.legs || []);
    setField(r, 'netDelta', bot.netDelta).classList.toggle('warn-text', parseFloat(bot.netDelta) !== 0 && bot.netDelta != null);

    const sp = bot.spread || {};
    for (const k of ['entryPct', 'exitPct', 'entryNetPct', 'exitNetPct', 'entryThresholdPct', 'exitThresholdPct']) {
      setField(r, 'spread.' + k, sp[k], { format: (v) => fmtPct(v) });
    }

    const pnl = bot.pnl || {};
    setField(r, 'pnl.rounds', pnl.rounds);
    for (const k of ['totalUsd', 'spreadUsd', 'slippageUsd', 'feesUsd', 'fundingUsd']) setField(r, 'pnl.' + k, pnl[k], { sign: true });

    const lat = bot.latency || {};
    for (const h of ['tickToDecisionUs', 'decisionToAckUs']) {
      for (const p of ['p50', 'p99', 'p999', 'max']) setField(r, `latency.${h}.${p}`, (lat[h] || {})[p], { format: fmtUs });
    }

    renderCounters(b, bot.counters || {});
    renderParams(b, bot.id, bot.parameters || []);

    // samples for the charts
    pushSample(b.spread, { t, entry: sp.entryPct, exit: sp.exitPct, entryThr: sp.entryThresholdPct, exitThr: sp.exitThresholdPct });
    while (b.spread.length && b.spread[0].t < t - SPREAD_WINDOW_MS) b.spread.shift();
    const total = parseFloat(pnl.totalUsd);
    if (Number.isFinite(total)) {
      pushSample(b.pnl, { t, v: total });
      if (b.pnl.length > PNL_MAX_POINTS) b.pnl = b.pnl.filter((_, i) => i % 2 === 0 || i === b.pnl.length - 1);
    }
    scheduleDraw();
  }

  // samples stay ordered by server time even if a status arrives late (poll and stream overlapping)
  function pushSample(arr, sample) {
    let i = arr.length;
    while (i > 0 && arr[i - 1].t > sample.t) i--;
    if (i > 0 && arr[i - 1].t === sample.t) arr[i - 1] = sample; else arr.splice(i, 0, sample);
  }

  const LEG_FIELDS = [
    ['venue', 'l'], ['market', 'l'], ['bidSize', ''], ['bid', 'bid'], ['ask', 'ask'], ['askSize', ''],
    ['bookAgeMs', ''], ['position', ''], ['fundingRatePerHour', ''],
  ];

  function renderLegs(b, legs) {
    const body = b.root.querySelector('[data-role="legs"]');
    if (b.legsCount !== legs.length) {
      b.legsCount = legs.length;
      body.innerHTML = '';
      legs.forEach((_, i) => {
        const tr = document.createElement('tr');
        tr.dataset.leg = String(i);
        for (const [f, cls] of LEG_FIELDS) {
          const td = document.createElement('td');
          td.dataset.field = `legs.${i}.${f}`;
          if (cls) td.className = cls;
          tr.appendChild(td);
        }
        body.appendChild(tr);
      });
    }
    legs.forEach((leg, i) => {
      for (const [f] of LEG_FIELDS) {
        const fmt = f === 'fundingRatePerHour' ? (v) => (isNum(v) ? (v * 100).toFixed(4) + '%' : '—') : undefined;
        const el = setField(body, `legs.${i}.${f}`, leg[f], { format: fmt, sign: f === 'position' });
        if (f === 'bookAgeMs') {
          const stale = !isNum(leg.bookAgeMs) || leg.bookAgeMs > STALE_BOOK_MS;
          el.classList.toggle('stale', stale);
          el.title = stale ? 'stale book (older than ' + STALE_BOOK_MS + ' ms)' : '';
        }
      }
    });
  }

  function renderCounters(b, counters) {
    const dl = b.root.querySelector('[data-role="counters"]');
    const keys = Object.keys(counters);
    const key = keys.join('|');
    if (b.counterKeys !== key) {
      b.counterKeys = key;
      dl.innerHTML = '';
      for (const k of keys) {
        const dt = document.createElement('dt');
        dt.textContent = k.replace(/([A-Z])/g, ' $1').toLowerCase();
        const dd = document.createElement('dd');
        dd.className = 'num';
        dd.dataset.field = 'counters.' + k;
        dl.append(dt, dd);
      }
    }
    for (const k of keys) {
      const el = setField(dl, 'counters.' + k, counters[k]);
      el.classList.toggle('warn-text', BAD_COUNTERS.has(k) && counters[k] > 0);
    }
  }

  function renderParams(b, botId, params) {
    const body = b.root.querySelector('[data-role="param-rows"]');
    const key = params.map((p) => p.name + ':' + p.type + ':' + p.min + ':' + p.max + ':' + p.unit).join('|');
    if (b.paramKey !== key) {
      b.paramKey = key;
      body.innerHTML = '';
      for (const p of params) {
        const tr = document.createElement('tr');
        tr.dataset.paramRow = p.name;
        const name = document.createElement('td');
        name.className = 'pname';
        const n = document.createElement('div');
        n.textContent = p.name;
        const d = document.createElement('div');
        d.className = 'pdesc';
        d.dataset.paramDescription = p.name;
        name.append(n, d);
        const val = document.createElement('td');
        const input = document.createElement('input');
        input.type = 'text';
        input.inputMode = p.type === 'INTEGER' || p.type === 'DECIMAL' ? 'decimal' : 'text';
        input.dataset.param = p.name;
        input.dataset.bot = botId;
        input.spellcheck = false;
        input.addEventListener('input', () => markParam(input));
        input.addEventListener('change', () => markParam(input));
        val.appendChild(input);
        const unit = document.createElement('td');
        unit.className = 'punit';
        unit.dataset.paramUnit = p.name;
        const bounds = document.createElement('td');
        bounds.className = 'pbounds num';
        bounds.dataset.paramBounds = p.name;
        const live = document.createElement('td');
        live.className = 'plive';
        tr.append(name, val, unit, bounds, live);
        body.appendChild(tr);
      }
    }
    for (const p of params) {
      const tr = body.querySelector(`[data-param-row="${CSS.escape(p.name)}"]`);
      const input = tr.querySelector('[data-param]');
      const current = p.value === null || p.value === undefined ? '' : String(p.value);
      input.dataset.current = current;
      input.dataset.min = p.min == null ? '' : p.min;
      input.dataset.max = p.max == null ? '' : p.max;
      input.dataset.type = p.type || '';
      // the server's value replaces what the field shows only while the operator has not touched it
      if (input.dataset.shown === undefined || input.value === input.dataset.shown) input.value = current;
      if (input.value === current) input.dataset.shown = current;
      input.placeholder = current;
      input.title = 'current: ' + current;
      tr.querySelector('.pdesc').textContent = p.description || '';
      tr.querySelector('.pdesc').title = p.description || '';
      tr.querySelector('.punit').textContent = p.unit || '';
      const lo = p.min == null ? '−∞' : p.min, hi = p.max == null ? '∞' : p.max;
      tr.querySelector('.pbounds').textContent = p.min == null && p.max == null ? (p.type || '').toLowerCase() : `[${lo}, ${hi}]`;
      const liveCell = tr.querySelector('.plive');
      liveCell.textContent = p.live ? 'live' : 'restart';
      liveCell.className = 'plive ' + (p.live ? 'is-live' : 'is-restart');
      liveCell.title = p.live ? 'takes effect immediately' : 'takes effect on the next start';
      markParam(input);
    }
  }

  function markParam(input) {
    const dirty = input.value !== input.dataset.current;
    input.classList.toggle('dirty', dirty);
    let invalid = false;
    const t = input.dataset.type;
    if (dirty && (t === 'DECIMAL' || t === 'INTEGER')) {
      const v = Number(input.value);
      invalid = input.value.trim() === '' || !Number.isFinite(v) || (t === 'INTEGER' && !Number.isInteger(v))
        || (input.dataset.min !== '' && v < Number(input.dataset.min)) || (input.dataset.max !== '' && v > Number(input.dataset.max));
    }
    input.classList.toggle('invalid', invalid);
  }

  function resetParams(botId) {
    const b = state.bots.get(botId);
    $$('[data-param]', b.root).forEach((input) => { input.value = input.dataset.current; input.dataset.shown = input.value; markParam(input); });
    setField(b.root, 'param-result', '');
  }

  // ---------- alerts & activity feed ----------
  function alertKey(a) { return [a.time, a.kind, a.bot, a.message].join('\u0000'); }

  function renderAlerts(alerts) {
    const list = $('#alerts');
    const key = alerts.map(alertKey).join('\u0001');
    if (list.dataset.key === key) return;
    list.dataset.key = key;
    list.innerHTML = '';
    for (let i = alerts.length - 1; i >= 0; i--) list.appendChild(alertItem(alerts[i]));
    state.alertKeys = new Set(alerts.map(alertKey));
    $('#alert-count').textContent = String(alerts.length);
    $('#alert-count').classList.toggle('hot', alerts.some((a) => a.critical));
  }

  function alertItem(a) {
    const li = document.createElement('li');
    li.className = 'alert' + (a.critical ? ' critical' : '');
    li.dataset.kind = a.kind || '';
    if (a.bot) li.dataset.bot = a.bot;
    li.innerHTML = '<span class="t num"></span><span class="tag"></span><span class="who"></span><span class="msg"></span>';
    li.querySelector('.t').textContent = fmtTime(a.time);
    li.querySelector('.tag').textContent = a.kind || 'ALERT';
    li.querySelector('.who').textContent = a.bot || '';
    li.querySelector('.msg').textContent = a.message || '';
    return li;
  }

  function onAlertEvent(a) {
    const k = alertKey(a);
    if (state.alertKeys.has(k)) return;
    state.alertKeys.add(k);
    const li = alertItem(a);
    li.classList.add('fresh');
    $('#alerts').prepend(li);
    const count = $('#alert-count');
    count.textContent = String($('#alerts').children.length);
    if (a.critical) count.classList.add('hot');
  }

  function feed(kind, data, body) {
    const list = $('#feed');
    const li = document.createElement('li');
    li.className = 'ev ev-' + kind;
    li.dataset.kind = kind;
    if (data.bot) li.dataset.bot = data.bot;
    li.innerHTML = '<span class="t num"></span><span class="tag"></span><span class="who"></span><span class="msg num"></span>';
    li.querySelector('.t').textContent = fmtTime(data.time);
    li.querySelector('.tag').textContent = kind;
    li.querySelector('.who').textContent = data.bot || '';
    const msg = li.querySelector('.msg');
    if (typeof body === 'string') msg.textContent = body; else msg.append(...body);
    list.prepend(li);
    while (list.children.length > FEED_MAX) list.lastElementChild.remove();
  }

  function span(cls, s) { const e = document.createElement('span'); e.className = cls; e.textContent = s; return e; }

  function onFill(f) {
    const side = String(f.side || '').toUpperCase();
    feed('fill', f, [span(side === 'BUY' ? 'pos' : side === 'SELL' ? 'neg' : '', side), document.createTextNode(' ' + text(f.size) + ' @ ' + text(f.price) + ' ' + text(f.venue) + ' '), span('muted', text(f.status))]);
  }

  function onRound(r) {
    feed('round', r, [span(signClass(r.totalUsd), text(r.totalUsd)), span('muted', `  spread ${text(r.spreadUsd)} · slip ${text(r.slippageUsd)} · fees ${text(r.feesUsd)} · funding ${text(r.fundingUsd)}`)]);
  }

  function onParam(p) { feed('param', p, text(p.text)); }

  // ---------- charts ----------
  let drawQueued = false;
  function scheduleDraw() {
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => { drawQueued = false; for (const b of state.bots.values()) drawBot(b); });
  }

  const COLORS = { grid: '#263041', axis: '#7d8799', entry: '#4fb3ff', exit: '#f0a34a', zero: '#3a4556', pos: '#2fd07a', neg: '#ff5d6c' };

  function prepCanvas(canvas) {
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth, h = canvas.clientHeight;
    if (!w || !h) return null;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.font = '10px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
    return { ctx, w, h };
  }

  // a range padded and widened to round ticks: [lo, hi, step]
  function niceRange(lo, hi) {
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) { lo = -1; hi = 1; }
    if (lo === hi) { const d = Math.abs(lo) * 0.1 || 0.1; lo -= d; hi += d; }
    const pad = (hi - lo) * 0.05;
    lo -= pad; hi += pad;
    const raw = (hi - lo) / 4, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((v) => v >= raw);
    return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step];
  }

  function decimals(step) { return Math.max(0, Math.min(4, -Math.floor(Math.log10(step) + 1e-9) + (step / Math.pow(10, Math.floor(Math.log10(step))) === 2.5 ? 1 : 0))); }

  function axes(ctx, w, h, lo, hi, step, left) {
    ctx.strokeStyle = COLORS.grid; ctx.fillStyle = COLORS.axis; ctx.lineWidth = 1;
    ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
    const d = decimals(step);
    for (let v = lo; v <= hi + step / 2; v += step) {
      const y = Math.round(h - 14 - ((h - 22) * (v - lo)) / (hi - lo)) + 0.5;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(w, y); ctx.stroke();
      ctx.fillText((Math.abs(v) < step / 1e6 ? 0 : v).toFixed(d), left - 4, y);
    }
  }

  function line(ctx, pts, x, y, color, dashed) {
    ctx.strokeStyle = color; ctx.lineWidth = dashed ? 1 : 1.6; ctx.setLineDash(dashed ? [5, 4] : []);
    ctx.beginPath();
    let pen = false;
    for (const p of pts) {
      if (!isNum(p[1])) { pen = false; continue; }
      const px = x(p[0]), py = y(p[1]);
      if (pen) ctx.lineTo(px, py); else { ctx.moveTo(px, py); pen = true; }
    }
    ctx.stroke(); ctx.setLineDash([]);
  }

  function drawBot(b) {
    drawSpread(b);
    drawPnl(b);
  }

  function drawSpread(b) {
    const c = prepCanvas(b.root.querySelector('[data-chart="spread"]'));
    if (!c) return;
    const { ctx, w, h } = c;
    const s = b.spread;
    const tEnd = s.length ? s[s.length - 1].t : Date.now(), tStart = tEnd - SPREAD_WINDOW_MS;
    const vals = [];
    for (const p of s) for (const v of [p.entry, p.exit, p.entryThr, p.exitThr]) if (isNum(v)) vals.push(v);
    const [lo, hi, step] = niceRange(vals.length ? Math.min(...vals, 0) : -0.5, vals.length ? Math.max(...vals, 0) : 0.5);
    const left = 44;
    const x = (t) => left + ((w - left - 2) * (t - tStart)) / SPREAD_WINDOW_MS;
    const y = (v) => h - 14 - ((h - 22) * (v - lo)) / (hi - lo);
    axes(ctx, w, h, lo, hi, step, left);
    ctx.textAlign = 'center'; ctx.textBaseline = 'alphabetic'; ctx.fillStyle = COLORS.axis;
    for (let m = 15; m >= 0; m -= 5) ctx.fillText(m ? `−${m}m` : 'now', Math.min(x(tEnd - m * 60000), w - 12), h - 2);
    if (lo < 0 && hi > 0) { ctx.strokeStyle = COLORS.zero; ctx.beginPath(); ctx.moveTo(left, Math.round(y(0)) + 0.5); ctx.lineTo(w, Math.round(y(0)) + 0.5); ctx.stroke(); }
    line(ctx, s.map((p) => [p.t, p.entryThr]), x, y, COLORS.entry, true);
    line(ctx, s.map((p) => [p.t, p.exitThr]), x, y, COLORS.exit, true);
    line(ctx, s.map((p) => [p.t, p.entry]), x, y, COLORS.entry, false);
    line(ctx, s.map((p) => [p.t, p.exit]), x, y, COLORS.exit, false);
    legend(ctx, left + 6, 10, [['entry', COLORS.entry, false], ['exit', COLORS.exit, false], ['threshold', COLORS.axis, true]]);
  }

  function drawPnl(b) {
    const c = prepCanvas(b.root.querySelector('[data-chart="pnl"]'));
    if (!c) return;
    const { ctx, w, h } = c;
    const s = b.pnl;
    const left = 44;
    const vals = s.map((p) => p.v);
    const [lo, hi, step] = niceRange(vals.length ? Math.min(...vals, 0) : -1, vals.length ? Math.max(...vals, 0) : 1);
    axes(ctx, w, h, lo, hi, step, left);
    if (s.length < 1) return;
    const t0 = s[0].t, t1 = Math.max(s[s.length - 1].t, t0 + 1);
    const x = (t) => left + ((w - left - 2) * (t - t0)) / (t1 - t0);
    const y = (v) => h - 14 - ((h - 22) * (v - lo)) / (hi - lo);
    const y0 = y(0);
    ctx.strokeStyle = COLORS.zero; ctx.beginPath(); ctx.moveTo(left, Math.round(y0) + 0.5); ctx.lineTo(w, Math.round(y0) + 0.5); ctx.stroke();
    const last = s[s.length - 1].v;
    const color = last >= 0 ? COLORS.pos : COLORS.neg;
    ctx.beginPath(); ctx.moveTo(x(s[0].t), y0);
    for (const p of s) ctx.lineTo(x(p.t), y(p.v));
    ctx.lineTo(x(s[s.length - 1].t), y0); ctx.closePath();
    ctx.fillStyle = last >= 0 ? 'rgba(47,208,122,0.12)' : 'rgba(255,93,108,0.12)'; ctx.fill();
    line(ctx, s.map((p) => [p.t, p.v]), x, y, color, false);
    ctx.fillStyle = COLORS.axis; ctx.textAlign = 'left'; ctx.textBaseline = 'alphabetic';
    ctx.fillText('session · ' + fmtDuration(t1 - t0), left + 4, h - 2);
  }

  function legend(ctx, x, y, items) {
    ctx.textAlign = 'left'; ctx.textBaseline = 'middle';
    for (const [label, color, dashed] of items) {
      ctx.strokeStyle = color; ctx.setLineDash(dashed ? [4, 3] : []); ctx.lineWidth = 1.6;
      ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 14, y); ctx.stroke(); ctx.setLineDash([]);
      ctx.fillStyle = COLORS.axis; ctx.fillText(label, x + 18, y);
      x += 24 + ctx.measureText(label).width + 8;
    }
  }

  window.addEventListener('resize', scheduleDraw);

  // ---------- control ----------
  async function post(path, body) {
    const headers = { 'Content-Type': 'application/json' };
    const token = tokenInput.value.trim();
    if (token) headers.Authorization = 'Bearer ' + token;
    let res;
    try {
      res = await fetch(path, { method: 'POST', headers, body: body === undefined ? '{}' : JSON.stringify(body) });
    } catch (e) {
      return { httpStatus: 0, error: 'network error: ' + e.message };
    }
    let json = {};
    try { json = await res.json(); } catch (e) { /* empty or non-JSON answer */ }
    json.httpStatus = res.status;
    if (res.status === 401 && !json.error) json.error = 'unauthorized: wrong or missing token';
    if (res.status === 403 && !json.error) json.error = 'forbidden: the server has no control token configured';
    if (!res.ok && !json.error) json.error = 'HTTP ' + res.status;
    return json;
  }

  function showControlResult(ok, message) {
    const box = $('#control-result');
    box.hidden = false;
    box.className = 'banner ' + (ok ? 'info' : 'error');
    box.textContent = message;
    clearTimeout(showControlResult.timer);
    showControlResult.timer = setTimeout(() => { box.hidden = true; }, 12000);
  }

  async function applyParams(botId) {
    const b = state.bots.get(botId);
    const out = b.root.querySelector('[data-field="param-result"]');
    const changes = {};
    $$('[data-param]', b.root).forEach((input) => { if (input.value !== input.dataset.current) changes[input.dataset.param] = input.value.trim(); });
    if (!Object.keys(changes).length) { out.textContent = 'nothing changed'; out.className = 'result'; return; }
    out.textContent = 'applying…'; out.className = 'result';
    const res = await post(`/api/bots/${encodeURIComponent(botId)}/params`, changes);
    const lines = Array.isArray(res.results) ? res.results.slice() : [];
    if (res.error && !lines.includes(res.error)) lines.unshift('error: ' + res.error);
    out.textContent = lines.join('\n') || (res.error ? 'error' : 'ok');
    out.className = 'result ' + (res.error ? 'error' : 'ok');
  }

  const ACTION_TEXT = {
    halt: (bot) => (bot ? `Halt entries of bot “${bot}”? Open positions stay until exited or flattened.` : 'Halt ALL bots (the shared risk guard)? No new entries on any bot.'),
    resume: (bot) => (bot ? `Resume entries of bot “${bot}”?` : 'Resume ALL bots (clear the shared halt)?'),
    flatten: (bot) => (bot ? `Flatten bot “${bot}” now? Its positions are closed at market.` : 'FLATTEN EVERYTHING AND STOP THE RUN? Every bot is flattened, the summary written, and the process exits.'),
  };

  function askConfirm(message, danger) {
    const modal = $('#confirm-modal');
    $('#confirm-message').textContent = message;
    $('[data-action="confirm"]', modal).className = 'btn ' + (danger ? 'danger' : 'primary');
    modal.hidden = false;
    $('[data-action="cancel"]', modal).focus();
    return new Promise((resolve) => { state.pendingConfirm = resolve; });
  }

  function closeConfirm(answer) {
    $('#confirm-modal').hidden = true;
    const r = state.pendingConfirm;
    state.pendingConfirm = null;
    if (r) r(answer);
  }

  $('#confirm-modal').addEventListener('click', (e) => {
    const a = e.target.closest('[data-action]');
    if (a) closeConfirm(a.dataset.action === 'confirm');
    else if (e.target.id === 'confirm-modal') closeConfirm(false);
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && state.pendingConfirm) closeConfirm(false); });

  document.addEventListener('click', async (e) => {
    const btn = e.target.closest('button[data-action]');
    if (!btn || btn.closest('#confirm-modal')) return;
    const action = btn.dataset.action;
    if (!ACTION_TEXT[action] || state.readOnly) return;
    const bot = btn.dataset.scope === 'all' ? null : btn.dataset.bot;
    const ok = await askConfirm(ACTION_TEXT[action](bot), action !== 'resume');
    if (!ok) return;
    const path = bot ? `/api/bots/${encodeURIComponent(bot)}/${action}` : `/api/${action}`;
    const res = await post(path);
    showControlResult(!res.error, (bot ? bot + ': ' : 'all: ') + action + ' — ' + (res.error ? 'error: ' + res.error : res.message || 'ok'));
  });

  // ---------- live updates ----------
  function setConn(mode, label) {
    const c = $('#conn');
    c.dataset.conn = mode;
    c.textContent = label;
  }

  function parse(ev) { try { return JSON.parse(ev.data); } catch (e) { return null; } }

  function startSse() {
    if (typeof EventSource === 'undefined') { startPolling(); return; }
    clearTimeout(state.sseRetryTimer);
    const es = new EventSource('/api/events');
    state.source = es;
    es.addEventListener('open', () => { setConn('sse', 'live · SSE'); stopPolling(); });
    es.addEventListener('status', (ev) => { const s = parse(ev); if (s) { if (state.pollTimer) stopPolling(); setConn('sse', 'live · SSE'); render(s); } });
    es.addEventListener('fill', (ev) => { const d = parse(ev); if (d) onFill(d); });
    es.addEventListener('round', (ev) => { const d = parse(ev); if (d) onRound(d); });
    es.addEventListener('alert', (ev) => { const d = parse(ev); if (d) onAlertEvent(d); });
    es.addEventListener('param', (ev) => { const d = parse(ev); if (d) onParam(d); });
    es.addEventListener('error', () => {
      es.close();
      if (state.source === es) state.source = null;
      startPolling();
      state.sseRetryTimer = setTimeout(startSse, SSE_RETRY_MS);
    });
  }

  async function pollOnce() {
    try {
      const res = await fetch('/api/status', { cache: 'no-store' });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      render(await res.json());
      setConn('poll', 'polling · 500 ms');
    } catch (e) {
      setConn('down', 'offline · ' + e.message);
    }
  }

  function startPolling() {
    if (state.pollTimer) return;
    setConn('poll', 'polling · 500 ms');
    pollOnce();
    state.pollTimer = setInterval(pollOnce, POLL_MS);
  }

  function stopPolling() { clearInterval(state.pollTimer); state.pollTimer = null; }

  // watchdog: an open SSE stream that delivers nothing is as good as none
  setInterval(() => {
    if (state.pollTimer) return;
    if (Date.now() - state.lastStatusAt > 3000) {
      if (state.source) { state.source.close(); state.source = null; }
      startPolling();
      clearTimeout(state.sseRetryTimer);
      state.sseRetryTimer = setTimeout(startSse, SSE_RETRY_MS);
    }
  }, 1000);

  state.lastStatusAt = Date.now();
  pollOnce();      // first paint without waiting for the stream
  startSse();
})();
