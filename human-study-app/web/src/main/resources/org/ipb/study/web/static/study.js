// ipb study web: draws the screens the server decides and measures time. Every answer is POSTed and
// acknowledged (committed to the database) before the next screen is drawn; a failed POST is retried
// with the same content, which the server answers idempotently. Text is only ever set with
// textContent, never parsed as HTML.
'use strict';
(() => {
  const token = location.pathname.split('/')[2] || '';
  const api = (p) => '/api/' + encodeURIComponent(token) + '/' + p;
  const $ = (id) => document.getElementById(id);
  const images = new Map(); // stimulus id -> Promise of a decoded Image
  let screen = null;
  let accepting = false;
  let onset = null; // performance.now() of the first frame that shows the trial
  let drawMs = null;
  let frameMs = null;

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  // Retries until the server answers (network errors, 5xx, 429), so a server restart loses nothing
  // that was acknowledged and the participant simply waits.
  async function call(method, path, body) {
    let wait = 250;
    for (;;) {
      try {
        const res = await fetch(api(path), {
          method, cache: 'no-store', credentials: 'omit',
          headers: body ? { 'Content-Type': 'application/json' } : {},
          body: body ? JSON.stringify(body) : undefined,
        });
        if (res.ok) {
          status('');
          return await res.json();
        }
        if (res.status === 404 || res.status === 400 || res.status === 413) {
          const e = await res.json().catch(() => ({ error: res.statusText }));
          throw new Error(e.error || res.statusText);
        }
      } catch (e) {
        if (!(e instanceof TypeError)) { // a refused request, not a network failure
          status('Error: ' + e.message);
          throw e;
        }
      }
      status('Connecting to the server...');
      await sleep(wait);
      wait = Math.min(wait * 2, 4000);
    }
  }

  function status(text) { $('status').textContent = text; }

  function image(id) {
    if (!images.has(id)) {
      const img = new Image();
      img.src = api('image?id=' + encodeURIComponent(id));
      images.set(id, img.decode().catch(() => undefined).then(() => img.src));
    }
    return images.get(id);
  }

  async function cell(id, alt) {
    const src = await image(id);
    const img = new Image();
    img.alt = alt;
    img.src = src;
    await img.decode().catch(() => undefined);
    return img;
  }

  function paragraphs(el, text) {
    el.replaceChildren();
    for (const part of String(text || '').split(/\n\n+/)) {
      const p = document.createElement('p');
      p.textContent = part;
      el.appendChild(p);
    }
  }

  async function show(s) {
    screen = s;
    accepting = false;
    (s.preload || []).forEach(image);
    document.body.dataset.kind = s.kind;
    document.body.dataset.accepting = 'false';
    if (s.kind === 'trial') {
      await drawTrial(s.trial);
      return;
    }
    $('trial').hidden = true;
    $('trial').classList.remove('drawn');
    $('practice').hidden = true;
    $('message').hidden = false;
    $('title').textContent = s.title || '';
    paragraphs($('body'), s.body);
    const done = s.kind === 'finished';
    $('code-line').hidden = !done;
    $('code').textContent = done ? (s.completionCode || '') : '';
    $('continue').hidden = done;
    $('continue').textContent = s.button || 'Continue';
    $('continue').disabled = false;
  }

  async function drawTrial(t) {
    const trial = $('trial');
    trial.classList.remove('drawn');
    setButtons(false);
    const [mins, maxs, a, b] = await Promise.all([
      Promise.all(t.min.map((id) => cell(id, 'least activating'))),
      Promise.all(t.max.map((id) => cell(id, 'most activating'))),
      cell(t.a, 'left query'), cell(t.b, 'right query')]);
    if (screen.trial !== t) return; // a newer screen came meanwhile
    $('min-grid').replaceChildren(...mins);
    $('max-grid').replaceChildren(...maxs);
    $('query-a').replaceChildren(a);
    $('query-b').replaceChildren(b);
    $('progress').textContent = 'Trial ' + t.position + ' of ' + t.planned;
    $('practice').hidden = !t.practice;
    $('message').hidden = true;
    trial.hidden = false;
    const ready = performance.now();
    trial.classList.add('drawn');
    document.body.dataset.trial = String(t.index);
    // The frame whose callback runs first after the images are in the page is the one that shows
    // them: its timestamp is the onset. The next frame's timestamp gives the frame interval.
    requestAnimationFrame((first) => {
      onset = first;
      drawMs = Math.max(0, first - ready);
      frameMs = null;
      accepting = true;
      setButtons(true);
      document.body.dataset.accepting = 'true';
      requestAnimationFrame((second) => { frameMs = second - first; });
    });
  }

  function setButtons(on) {
    for (let k = 1; k <= 6; k++) $('response-' + k).disabled = !on;
  }

  async function respond(button, at) {
    if (!accepting || screen.kind !== 'trial') return;
    accepting = false;
    setButtons(false);
    document.body.dataset.accepting = 'false';
    const rt = Math.max(0.001, at - onset);
    const answer = {
      trial: screen.trial.index, button, rt_ms: rt, onset_epoch_ms: performance.timeOrigin + onset,
      frame_ms: frameMs, draw_ms: drawMs,
    };
    const next = await call('POST', 'answer', answer);
    await show(next);
  }

  async function proceed() {
    if (!screen || screen.kind === 'trial' || screen.kind === 'finished') return;
    $('continue').disabled = true;
    if (screen.kind === 'consent') requestFullscreen();
    await show(await call('POST', 'proceed', { seq: screen.seq }));
  }

  function requestFullscreen() {
    const el = document.documentElement;
    if (!el.requestFullscreen) {
      note('fullscreen_denied', 'no Fullscreen API');
      return;
    }
    el.requestFullscreen().catch((e) => note('fullscreen_denied', String(e && e.name)));
  }

  function note(kind, detail, extra) {
    call('POST', 'event', Object.assign({ kind, detail: detail == null ? null : String(detail).slice(0, 1000) },
      extra || {})).catch(() => undefined);
  }

  document.addEventListener('fullscreenchange', () => {
    note(document.fullscreenElement ? 'fullscreen_enter' : 'fullscreen_exit', null);
  });
  document.addEventListener('visibilitychange', () => {
    note(document.hidden ? 'page_hidden' : 'page_visible', null);
  });
  for (let k = 1; k <= 6; k++) {
    $('response-' + k).addEventListener('click', (e) => respond(k, e.timeStamp));
  }
  $('continue').addEventListener('click', () => proceed());
  document.addEventListener('keydown', (e) => {
    if (e.repeat) return;
    if (screen && screen.kind === 'trial' && e.key >= '1' && e.key <= '6') {
      e.preventDefault();
      respond(Number(e.key), e.timeStamp);
    } else if ((e.key === ' ' || e.key === 'Enter') && screen && !$('continue').hidden
      && document.activeElement !== $('continue')) {
      e.preventDefault();
      proceed();
    }
  });

  note('screen', screen_text(), { browser: navigator.userAgent.slice(0, 300) });
  function screen_text() {
    return screen_size() + ' window ' + innerWidth + 'x' + innerHeight;
  }
  function screen_size() {
    return window.screen.width + 'x' + window.screen.height + '@' + window.devicePixelRatio;
  }
  call('GET', 'screen').then(show).catch(() => undefined);
})();
