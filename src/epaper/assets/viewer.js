// The e-paper viewer's enhancements. The page works without this file: it adds date choices that
// follow the chosen edition, and on a page view hands zoom, pan and pinch to OpenSeadragon (loaded
// just before this file), adds page turns by swipe and keys, and clipping a region.
(() => {
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

  /** Hands the page in `root` (.ep-viewer) to OpenSeadragon, and adds page turns and clipping. */
  function enhance(root, img) {
    const SWIPE_PX = 60;
    const PAN_PX = 80;
    const stage = root.querySelector('.ep-stage');
    document.documentElement.classList.add('ep-js');
    const prev = root.querySelector('a[rel=prev]');
    const next = root.querySelector('a[rel=next]');
    const clipToggle = root.querySelector('[data-clip-toggle]');
    for (const hidden of root.querySelectorAll('.ep-tools, .ep-hint')) hidden.hidden = false;
    const go = (link) => {
      if (link) location.href = link.href;
    };

    const format = /\.webp$/.test(img.currentSrc) ? 'webp' : 'jpg';
    const levels = JSON.parse(root.dataset.levels).map((level) => ({ url: level[format], width: level.width, height: level.height }));
    const source = new OpenSeadragon.LegacyTileSource(levels);
    // OpenSeadragon first loads its cut-off level, the largest that is one tile: here the large
    // rendition, on every page view. Make it the thumbnail (a few kilobytes), so the large rendition
    // is fetched only when the zoom needs it (openseadragon#2255).
    source.getClosestLevel = () => source.minLevel;

    // OpenSeadragon draws over the <picture>, which stays underneath to size the stage, show the page
    // until the first level is drawn, and give screen readers the page's image and description.
    const layer = document.createElement('div');
    layer.className = 'ep-osd';
    layer.setAttribute('aria-hidden', 'true');
    stage.append(layer);
    // The layer covers the page's link to its large image: no focus stop that cannot be seen.
    stage.querySelector('a.ep-full').tabIndex = -1;
    const viewer = OpenSeadragon({
      element: layer,
      tileSources: source,
      // Our own buttons drive the viewport; OpenSeadragon's would need its image folder.
      showNavigationControl: false,
      // Keys work wherever the focus is (below), so the canvas takes no focus: focusing it on a
      // click would also scroll a page taller than the window.
      keyboardNavEnabled: false,
      tabIndex: '',
      // The whole page at home, never smaller, and a zoomed page cannot be dragged off the stage.
      minZoomImageRatio: 1,
      visibilityRatio: 1,
      constrainDuringPan: true,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
      // At home the page scrolls past the viewer (wheel, one finger); see the zoom handler.
      cooperativeGestures: true,
    });
    const { viewport } = viewer;
    const atHome = () => viewport.getZoom() <= viewport.getHomeZoom() * 1.001;

    // Zoomed in, one finger and the wheel pan and zoom the page; back home they scroll the page again.
    viewer.addHandler('zoom', () => {
      viewer.setCooperativeGestures(atHome());
      stage.classList.toggle('ep-zoomed', !atHome());
    });
    // Our hint under the page says how to zoom; OpenSeadragon's overlay would flash on every scroll.
    viewer.addHandler('canvas-cooperative-gesture', (event) => {
      event.preventDefaultAction = true;
    });

    /** Zooms about the middle of the part of the stage on screen (the stage can be taller than the window). */
    const zoomBy = (factor) => {
      const box = layer.getBoundingClientRect();
      const top = Math.max(box.top, 0);
      const bottom = Math.max(top, Math.min(box.bottom, window.innerHeight));
      viewport.zoomBy(factor, viewport.pointFromPixel(new OpenSeadragon.Point(box.width / 2, (top + bottom) / 2 - box.top)));
      viewport.applyConstraints();
    };
    const zoomActions = { in: () => zoomBy(viewer.zoomPerClick), out: () => zoomBy(1 / viewer.zoomPerClick), fit: () => viewport.goHome() };
    for (const button of root.querySelectorAll('[data-zoom]')) button.addEventListener('click', zoomActions[button.dataset.zoom]);

    const ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    document.addEventListener('keydown', (event) => {
      if (event.altKey || event.metaKey || event.ctrlKey || event.target.closest('input, select, textarea')) return;
      const arrow = ARROWS[event.key];
      if (arrow && atHome()) {
        // At home left and right turn the page; up and down scroll the document as usual.
        if (arrow[0] === 0) return;
        go(arrow[0] < 0 ? prev : next);
      } else if (arrow) {
        viewport.panBy(viewport.deltaPointsFromPixels(new OpenSeadragon.Point(arrow[0] * PAN_PX, arrow[1] * PAN_PX)));
        viewport.applyConstraints();
      } else if (event.key === '+' || event.key === '=') zoomActions.in();
      else if (event.key === '-') zoomActions.out();
      else if (event.key === '0' || event.key === 'Escape') zoomActions.fit();
      else return;
      event.preventDefault();
    });

    // A swipe turns the page only at home: zoomed in, the same drag pans (OpenSeadragon). A second
    // finger makes it a pinch, never a swipe.
    let swipe = null;
    let clipping = false;
    stage.addEventListener('pointerdown', (event) => {
      swipe = event.isPrimary && !clipping && atHome() ? { x: event.clientX, y: event.clientY } : null;
    });
    stage.addEventListener('pointerup', (event) => {
      const start = swipe;
      swipe = null;
      if (start === null || !event.isPrimary || !atHome()) return;
      const dx = event.clientX - start.x;
      if (Math.abs(dx) > SWIPE_PX && Math.abs(event.clientY - start.y) < Math.abs(dx) / 2) go(dx < 0 ? next : prev);
    });

    // Clip: while on, a drag draws a rectangle instead of panning; its corners become fractions of
    // the page through OpenSeadragon's coordinates (right at any zoom), and the clip page opens.
    const box = document.createElement('div');
    box.className = 'ep-clip-box';
    box.hidden = true;
    layer.append(box);
    let clipStart = null;
    const drawBox = (to) => {
      Object.assign(box.style, {
        left: `${Math.min(clipStart.x, to.x)}px`,
        top: `${Math.min(clipStart.y, to.y)}px`,
        width: `${Math.abs(to.x - clipStart.x)}px`,
        height: `${Math.abs(to.y - clipStart.y)}px`,
      });
    };
    const clipTracker = new OpenSeadragon.MouseTracker({
      element: layer,
      startDisabled: true,
      pressHandler: (event) => {
        clipStart = event.position;
        drawBox(event.position);
        box.hidden = false;
      },
      dragHandler: (event) => drawBox(event.position),
      releaseHandler: (event) => {
        box.hidden = true;
        finishClip(clipStart, event.position);
      },
    });
    clipToggle.addEventListener('click', () => {
      clipping = !clipping;
      clipToggle.setAttribute('aria-pressed', String(clipping));
      stage.classList.toggle('ep-clipping', clipping);
      viewer.setMouseNavEnabled(!clipping);
      clipTracker.setTracking(clipping);
    });

    /** Turns two corners (pixels in the viewer) into "x,y,w,h" fractions of the page and opens the clip. */
    const finishClip = (start, stop) => {
      const size = viewer.world.getItemAt(0).getContentSize();
      const [a, b] = [start, stop].map((point) => viewport.viewerElementToImageCoordinates(point));
      const fraction = (value, whole) => Math.min(1, Math.max(0, value / whole));
      const xs = [fraction(a.x, size.x), fraction(b.x, size.x)].sort((p, q) => p - q);
      const ys = [fraction(a.y, size.y), fraction(b.y, size.y)].sort((p, q) => p - q);
      if (xs[1] - xs[0] < 0.02 || ys[1] - ys[0] < 0.02) return;
      const region = [xs[0], ys[0], xs[1] - xs[0], ys[1] - ys[0]].map((value) => Number(value.toFixed(4))).join(',');
      location.href = `${root.dataset.clip}?r=${region}`;
    };
  }

  const root = document.querySelector('.ep-viewer');
  // Without OpenSeadragon (blocked or failed) the page stays as it is without JavaScript.
  if (!root || typeof OpenSeadragon !== 'function') return;
  // The browser picks WebP or JPEG for the page's <picture>; once it has, the zoom levels use the same.
  const img = root.querySelector('.ep-stage img');
  if (img.complete) enhance(root, img);
  else img.addEventListener('load', () => enhance(root, img), { once: true });
})();
