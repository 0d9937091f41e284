// The e-paper viewer's enhancements. The page works without this file: it adds date choices that
// follow the chosen edition, zoom and pan (buttons, Ctrl+wheel, double-click, pinch) with the
// large image swapped in when zoomed, page turns by swipe and arrow keys, and clipping a region.
(() => {
  const MIN_SCALE = 1;
  const MAX_SCALE = 6;
  const STEP = 1.5;
  const SWIPE_PX = 60;

  const picker = document.querySelector('form.ep-picker');
  if (picker) {
    const editionSelect = picker.querySelector('select[name=edition]');
    const dateSelect = picker.querySelector('select[name=date]');
    const dates = JSON.parse(picker.dataset.dates || '{}');
    const longDate = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
    editionSelect.addEventListener('change', () => {
      dateSelect.replaceChildren(
        ...(dates[editionSelect.value] || []).map((date) => new Option(longDate.format(new Date(`${date}T00:00:00Z`)), date)),
      );
    });
    dateSelect.addEventListener('change', () => picker.submit());
  }

  const viewer = document.querySelector('.ep-viewer');
  if (!viewer) return;
  document.documentElement.classList.add('ep-js');
  const stage = viewer.querySelector('.ep-stage');
  const picture = stage.querySelector('picture');
  const link = stage.querySelector('a.ep-full');
  const prev = viewer.querySelector('a[rel=prev]');
  const next = viewer.querySelector('a[rel=next]');
  const clipToggle = viewer.querySelector('[data-clip-toggle]');
  for (const hidden of viewer.querySelectorAll('.ep-tools, .ep-hint')) hidden.hidden = false;

  let scale = 1;
  let tx = 0;
  let ty = 0;
  let sharp = false;
  let clipping = false;

  // Zooming past the normal image's size would blur it: switch to the large rendering once.
  const useLargeImage = () => {
    if (sharp) return;
    sharp = true;
    picture.querySelector('source[type="image/webp"]').srcset = viewer.dataset.largeWebp;
    const img = picture.querySelector('img');
    img.srcset = viewer.dataset.largeJpg;
    img.src = viewer.dataset.largeJpg;
  };

  const apply = () => {
    const width = stage.clientWidth;
    const height = picture.offsetHeight;
    tx = Math.min(0, Math.max(width - width * scale, tx));
    ty = Math.min(0, Math.max(height - height * scale, ty));
    picture.style.transform = scale === 1 ? '' : `translate(${tx}px, ${ty}px) scale(${scale})`;
    stage.classList.toggle('ep-zoomed', scale > 1);
    viewer.dataset.zoom = scale.toFixed(2);
    if (scale > 1) useLargeImage();
  };

  /** Zooms to `target` keeping the point (x, y) of the stage where it is. */
  const zoomAt = (target, x, y) => {
    const bounded = Math.min(MAX_SCALE, Math.max(MIN_SCALE, target));
    tx = x - (x - tx) * (bounded / scale);
    ty = y - (y - ty) * (bounded / scale);
    scale = bounded;
    apply();
  };
  const stagePoint = (event) => {
    const box = stage.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  const center = () => [stage.clientWidth / 2, Math.min(stage.clientHeight, window.innerHeight) / 2];

  for (const button of viewer.querySelectorAll('[data-zoom]')) {
    button.addEventListener('click', () => {
      const action = button.dataset.zoom;
      if (action === 'fit') zoomAt(1, 0, 0);
      else zoomAt(action === 'in' ? scale * STEP : scale / STEP, ...center());
    });
  }

  link.addEventListener('click', (event) => event.preventDefault());
  // A native image drag would cancel our pointer gestures part-way.
  stage.addEventListener('dragstart', (event) => event.preventDefault());
  stage.addEventListener('dblclick', (event) => zoomAt(scale > 1 ? 1 : 2.5, ...stagePoint(event)));
  stage.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey && scale === 1) return;
      event.preventDefault();
      if (event.ctrlKey) zoomAt(scale * Math.exp(-event.deltaY / 300), ...stagePoint(event));
      else {
        tx -= event.deltaX;
        ty -= event.deltaY;
        apply();
      }
    },
    { passive: false },
  );

  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.metaKey || event.ctrlKey || event.target.closest('input, select, textarea')) return;
    if (event.key === 'ArrowLeft' && prev && scale === 1) location.href = prev.href;
    else if (event.key === 'ArrowRight' && next && scale === 1) location.href = next.href;
    else if (event.key === '+' || event.key === '=') zoomAt(scale * STEP, ...center());
    else if (event.key === '-') zoomAt(scale / STEP, ...center());
    else if (event.key === '0' || event.key === 'Escape') zoomAt(1, 0, 0);
    else return;
    event.preventDefault();
  });

  // Pointer gestures: one pointer pans (zoomed), swipes (not zoomed) or draws a clip; two pinch.
  const pointers = new Map();
  let gesture = null;
  stage.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    stage.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, stagePoint(event));
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      gesture = { kind: 'pinch', distance: Math.hypot(a[0] - b[0], a[1] - b[1]), scale };
    } else if (clipping) {
      const box = document.createElement('div');
      box.className = 'ep-clip-box';
      stage.append(box);
      gesture = { kind: 'clip', start: stagePoint(event), box };
    } else {
      gesture = { kind: 'drag', start: stagePoint(event), tx, ty };
    }
  });
  stage.addEventListener('pointermove', (event) => {
    if (!pointers.has(event.pointerId) || gesture === null) return;
    const point = stagePoint(event);
    pointers.set(event.pointerId, point);
    if (gesture.kind === 'pinch' && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      zoomAt((gesture.scale * Math.hypot(a[0] - b[0], a[1] - b[1])) / gesture.distance, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
    } else if (gesture.kind === 'clip') {
      const [x0, y0] = gesture.start;
      Object.assign(gesture.box.style, {
        left: `${Math.min(x0, point[0])}px`,
        top: `${Math.min(y0, point[1])}px`,
        width: `${Math.abs(point[0] - x0)}px`,
        height: `${Math.abs(point[1] - y0)}px`,
      });
    } else if (gesture.kind === 'drag' && scale > 1) {
      tx = gesture.tx + point[0] - gesture.start[0];
      ty = gesture.ty + point[1] - gesture.start[1];
      apply();
    }
  });
  const end = (event) => {
    if (!pointers.has(event.pointerId)) return;
    pointers.delete(event.pointerId);
    const done = gesture;
    if (pointers.size > 0 || done === null) return;
    gesture = null;
    const point = stagePoint(event);
    if (done.kind === 'clip' && event.type === 'pointercancel') done.box.remove();
    else if (done.kind === 'clip') {
      done.box.remove();
      finishClip(done.start, point);
    } else if (done.kind === 'drag' && scale === 1 && event.type === 'pointerup') {
      const dx = point[0] - done.start[0];
      const dy = point[1] - done.start[1];
      if (Math.abs(dx) > SWIPE_PX && Math.abs(dy) < Math.abs(dx) / 2) {
        const target = dx < 0 ? next : prev;
        if (target) location.href = target.href;
      }
    }
  };
  stage.addEventListener('pointerup', end);
  stage.addEventListener('pointercancel', end);

  clipToggle.addEventListener('click', () => {
    clipping = !clipping;
    clipToggle.setAttribute('aria-pressed', String(clipping));
    stage.classList.toggle('ep-clipping', clipping);
  });

  /** Turns a rectangle drawn on the stage into fractions of the page and opens the clip. */
  const finishClip = (start, stop) => {
    const page = picture.getBoundingClientRect();
    const box = stage.getBoundingClientRect();
    const fraction = (value, origin, size) => Math.min(1, Math.max(0, (value - origin) / size));
    const xs = [start[0], stop[0]].map((x) => fraction(x + box.left, page.left, page.width)).sort((a, b) => a - b);
    const ys = [start[1], stop[1]].map((y) => fraction(y + box.top, page.top, page.height)).sort((a, b) => a - b);
    if (xs[1] - xs[0] < 0.02 || ys[1] - ys[0] < 0.02) return;
    const region = [xs[0], ys[0], xs[1] - xs[0], ys[1] - ys[0]].map((value) => Number(value.toFixed(4))).join(',');
    location.href = `${viewer.dataset.clip}?r=${region}`;
  };

  window.addEventListener('resize', apply);
})();
