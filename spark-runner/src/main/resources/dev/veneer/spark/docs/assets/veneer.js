/* Veneer docs: filters for the models list, and DAG drawing (laid out by dagre, drawn as SVG links).
   Plain script, no framework; every page works from disk (file://) as well as from 'veneer docs serve'. */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#8ecae6', '#ffb703', '#a7c957', '#f4a261', '#cdb4db', '#90be6d', '#e9c46a', '#bde0fe',
    '#ffafcc', '#b5e48c', '#f6bd60', '#84a59d', '#f28482', '#caffbf', '#9bf6ff', '#d4a373'];
  var DRAW_LIMIT = 300;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function params() {
    var result = {};
    new URLSearchParams(window.location.search).forEach(function (value, key) { result[key] = value; });
    return result;
  }

  function status(text) {
    var node = document.getElementById('graph-status');
    if (node) { node.textContent = text; }
  }

  var measure = null;
  function textWidth(text) {
    if (!measure) {
      measure = document.createElement('canvas').getContext('2d');
      measure.font = '12px system-ui, sans-serif';
    }
    return measure.measureText(text).width;
  }

  /* --- the models list ------------------------------------------------------------------- */

  function setupModelList() {
    var form = document.getElementById('model-filters');
    var table = document.getElementById('model-table');
    if (!form || !table) { return; }
    form.hidden = false;
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById('model-count');
    var inputs = ['filter', 'kind-filter', 'schema-filter', 'tag-filter'].map(function (id) { return document.getElementById(id); });
    var query = params();
    if (query.q) { inputs[0].value = query.q; }
    function apply() {
      var words = inputs[0].value.toLowerCase().split(/\s+/).filter(Boolean);
      var kind = inputs[1].value, schema = inputs[2].value, tag = inputs[3].value;
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute('data-search');
        var visible = words.every(function (word) { return text.indexOf(word) >= 0; })
          && (!kind || row.getAttribute('data-kind') === kind)
          && (!schema || row.getAttribute('data-schema') === schema)
          && (!tag || (' ' + row.getAttribute('data-tags') + ' ').indexOf(' ' + tag + ' ') >= 0);
        row.hidden = !visible;
        if (visible) { shown++; }
      });
      count.textContent = shown === rows.length ? rows.length + ' models' : shown + ' of ' + rows.length + ' models';
    }
    inputs.forEach(function (input) {
      input.addEventListener('input', apply);
      input.addEventListener('change', apply);
    });
    apply();
  }

  /* --- drawing a graph --------------------------------------------------------------------- */

  /* nodes: [{id, kind, schema, mark, href, title}], edges: [{from, to}].
     options.colour: 'kind' | 'schema' | 'mark'; options.focus: a node id; options.href(id) when nodes carry none. */
  function draw(container, nodes, edges, options) {
    container.textContent = '';
    if (!nodes.length) { return; }
    var graph = new dagre.graphlib.Graph();
    graph.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 56, marginx: 10, marginy: 10 });
    graph.setDefaultEdgeLabel(function () { return {}; });
    var byId = {};
    nodes.forEach(function (node) {
      byId[node.id] = node;
      graph.setNode(node.id, { width: Math.ceil(textWidth(node.id)) + 24, height: 30 });
    });
    edges.forEach(function (edge) {
      if (byId[edge.from] && byId[edge.to]) { graph.setEdge(edge.from, edge.to); }
    });
    dagre.layout(graph);

    var colours = {};
    if (options.colour !== 'mark') {
      var values = [];
      nodes.forEach(function (node) { var v = node[options.colour]; if (values.indexOf(v) < 0) { values.push(v); } });
      values.sort().forEach(function (value, i) { colours[value] = PALETTE[i % PALETTE.length]; });
    }

    var toolbar = document.createElement('div');
    toolbar.className = 'graph-tools';
    var frame = document.createElement('div');
    frame.className = 'graph-frame';
    container.appendChild(toolbar);
    container.appendChild(frame);

    var size = graph.graph();
    var width = Math.max(size.width, 10), height = Math.max(size.height, 10);
    var svg = el('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img',
      'aria-label': 'Graph of ' + nodes.length + ' models, parents to the left of their children' }, null);
    frame.appendChild(svg);
    var defs = el('defs', {}, svg);
    var marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7',
      orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M 0 0 L 10 5 L 0 10 z', 'class': 'arrow' }, marker);

    var edgeLayer = el('g', { 'class': 'edges' }, svg);
    graph.edges().forEach(function (e) {
      var points = graph.edge(e).points;
      var d = points.map(function (p, i) { return (i ? 'L' : 'M') + p.x.toFixed(1) + ' ' + p.y.toFixed(1); }).join(' ');
      el('path', { d: d, 'class': 'edge', 'marker-end': 'url(#arrow)', 'data-from': e.v, 'data-to': e.w }, edgeLayer);
    });

    var nodeLayer = el('g', { 'class': 'nodes' }, svg);
    nodes.forEach(function (node) {
      var box = graph.node(node.id);
      var href = node.href || (options.href ? options.href(node.id) : null);
      var parent = nodeLayer;
      if (href) {
        parent = el('a', { href: href, 'class': 'node-link' }, nodeLayer);
      }
      var classes = ['node'];
      (node.mark || '').split(' ').filter(Boolean).forEach(function (mark) { classes.push('mark-' + mark); });
      if (node.id === options.focus) { classes.push('focus'); }
      var g = el('g', { 'class': classes.join(' '), 'data-model': node.id, 'data-mark': node.mark || '',
        transform: 'translate(' + (box.x - box.width / 2).toFixed(1) + ',' + (box.y - box.height / 2).toFixed(1) + ')' }, parent);
      var title = el('title', {}, g);
      title.textContent = node.id + ' (' + node.kind + ')' + (node.title ? ': ' + node.title : '');
      var rect = el('rect', { width: box.width, height: box.height, rx: 5, ry: 5 }, g);
      if (options.colour !== 'mark') { rect.setAttribute('style', 'fill:' + colours[node[options.colour]]); }
      var text = el('text', { x: box.width / 2, y: box.height / 2 + 4, 'text-anchor': 'middle' }, g);
      text.textContent = node.id;
    });

    var scale = 1;
    function zoom(next) {
      scale = Math.min(3, Math.max(0.1, next));
      svg.setAttribute('width', (width * scale).toFixed(0));
      svg.setAttribute('height', (height * scale).toFixed(0));
    }
    function fit() { zoom(Math.min(1, (frame.clientWidth - 4) / width)); }
    [['−', 'Zoom out', function () { zoom(scale / 1.25); }], ['+', 'Zoom in', function () { zoom(scale * 1.25); }],
      ['Fit', 'Fit to width', fit], ['1:1', 'Actual size', function () { zoom(1); }]].forEach(function (tool) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = tool[0];
      button.title = tool[1];
      button.setAttribute('aria-label', tool[1]);
      button.addEventListener('click', tool[2]);
      toolbar.appendChild(button);
    });
    fit();
    legend(container, nodes, options, colours);
    if (options.focus) {
      var focus = svg.querySelector('g.focus');
      if (focus && focus.scrollIntoView) { focus.scrollIntoView({ block: 'nearest', inline: 'center' }); }
    }
  }

  var MARK_LABELS = {
    added: 'added', removed: 'removed', breaking: 'breaking', non_breaking: 'non-breaking',
    indirect_breaking: 'indirect breaking', indirect_non_breaking: 'indirect non-breaking', metadata: 'metadata only',
    modified: 'modified', context: 'unchanged (shared with prod)', unchanged: 'unchanged', restated: 'restated',
    backfill: 'backfilled (thick border)', reused: 'reused (dashed border)'
  };

  function legend(container, nodes, options, colours) {
    var list = document.createElement('ul');
    list.className = 'legend';
    list.setAttribute('aria-label', 'Legend');
    var entries = [];
    if (options.colour === 'mark') {
      nodes.forEach(function (node) {
        (node.mark || '').split(' ').forEach(function (mark) { if (mark && entries.indexOf(mark) < 0) { entries.push(mark); } });
      });
      entries.sort();
    } else {
      entries = Object.keys(colours).sort();
    }
    entries.forEach(function (entry) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch' + (options.colour === 'mark' ? ' mark-' + entry : '');
      if (options.colour !== 'mark') { swatch.style.background = colours[entry]; }
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(options.colour === 'mark' ? (MARK_LABELS[entry] || entry) : entry));
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  /* --- neighbourhoods ------------------------------------------------------------------------ */

  function index(data) {
    var byId = {}, parents = {}, children = {};
    data.nodes.forEach(function (node) { byId[node.id] = node; parents[node.id] = []; children[node.id] = []; });
    data.edges.forEach(function (edge) {
      if (byId[edge.from] && byId[edge.to]) { parents[edge.to].push(edge.from); children[edge.from].push(edge.to); }
    });
    return { data: data, byId: byId, parents: parents, children: children };
  }

  /* The models within `up` levels upstream and `down` downstream of `start`, nearest first, at most `limit`. */
  function neighbourhood(idx, start, up, down, limit) {
    var seen = {}, order = [start], truncated = false;
    seen[start] = true;
    function walk(links, levels) {
      var frontier = [start];
      for (var level = 0; level < levels && frontier.length; level++) {
        var next = [];
        frontier.forEach(function (id) {
          links[id].forEach(function (other) {
            if (seen[other]) { return; }
            if (order.length >= limit) { truncated = true; return; }
            seen[other] = true; order.push(other); next.push(other);
          });
        });
        frontier = next;
      }
    }
    walk(idx.parents, up);
    walk(idx.children, down);
    return { ids: order, truncated: truncated };
  }

  function subgraph(idx, ids) {
    var keep = {};
    ids.forEach(function (id) { keep[id] = true; });
    return {
      nodes: ids.map(function (id) { return idx.byId[id]; }),
      edges: idx.data.edges.filter(function (edge) { return keep[edge.from] && keep[edge.to]; })
    };
  }

  function suggest(input, list, names) {
    if (!input || !list) { return; }
    input.addEventListener('input', function () {
      var text = input.value.toLowerCase();
      list.textContent = '';
      if (text.length < 2) { return; }
      var shown = 0;
      for (var i = 0; i < names.length && shown < 50; i++) {
        if (names[i].indexOf(text) >= 0) {
          var option = document.createElement('option');
          option.value = names[i];
          list.appendChild(option);
          shown++;
        }
      }
    });
  }

  function modelHref(id) { return 'models/' + id + '.html'; }

  function setupExplorer(container) {
    var page = container.getAttribute('data-page');
    var data = window.VENEER_GRAPH || { nodes: [], edges: [] };
    var idx = index(data);
    var query = params();
    var names = data.nodes.map(function (node) { return node.id; });
    suggest(document.getElementById('dag-model'), document.getElementById('dag-model-names'), names);
    ['model', 'up', 'down', 'color'].forEach(function (key) {
      var input = document.getElementById('dag-' + key);
      if (input && query[key] !== undefined) { input.value = query[key]; }
    });
    var colour = query.color === 'schema' ? 'schema' : 'kind';
    var model = (query.model || '').trim().toLowerCase();
    if (model && !idx.byId[model]) {
      status('No model named ' + model + ' in this project.');
      return;
    }
    if (page === 'lineage') {
      if (!model) { status('Choose a model to see everything upstream and downstream of it.'); return; }
      var lineage = neighbourhood(idx, model, 1000, 1000, DRAW_LIMIT);
      var kept = lineage.ids;
      status('Lineage of ' + model + ': ' + (kept.length - 1) + ' related models' + (lineage.truncated ? ' (the nearest ' + DRAW_LIMIT + ' drawn)' : '') + '.');
      var sub = subgraph(idx, kept);
      draw(container, sub.nodes, sub.edges, { colour: colour, focus: model, href: modelHref });
      return;
    }
    if (model) {
      var up = clampLevels(query.up, 2), down = clampLevels(query.down, 2);
      var hood = neighbourhood(idx, model, up, down, DRAW_LIMIT);
      status('Showing ' + hood.ids.length + ' models around ' + model + ' (' + up + ' up, ' + down + ' down)'
        + (hood.truncated ? '; the neighbourhood is larger: the nearest ' + DRAW_LIMIT + ' are drawn' : '') + '.');
      var part = subgraph(idx, hood.ids);
      draw(container, part.nodes, part.edges, { colour: colour, focus: model, href: modelHref });
      return;
    }
    var schemas = {};
    data.nodes.forEach(function (node) { schemas[node.schema] = (schemas[node.schema] || 0) + 1; });
    if (query.schema && schemas[query.schema]) {
      if (schemas[query.schema] <= DRAW_LIMIT) {
        var ids = data.nodes.filter(function (node) { return node.schema === query.schema; }).map(function (node) { return node.id; });
        status('Showing the ' + ids.length + ' models of schema ' + query.schema + '.');
        var inSchema = subgraph(idx, ids);
        draw(container, inSchema.nodes, inSchema.edges, { colour: colour, href: modelHref });
        return;
      }
      status('Schema ' + query.schema + ' has ' + schemas[query.schema] + ' models, too many to draw at once: choose a model.');
      return;
    }
    if (data.nodes.length <= DRAW_LIMIT) {
      status('The whole project: ' + data.nodes.length + ' models. Click a model to open its page.');
      draw(container, data.nodes, data.edges, { colour: colour, href: modelHref });
      return;
    }
    status(data.nodes.length + ' models are too many to draw at once: choose a model above, or a schema below.');
    var list = document.getElementById('schema-list');
    if (list) {
      var ul = document.createElement('ul');
      ul.className = 'plain columns3';
      Object.keys(schemas).sort().forEach(function (schema) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = 'dag.html?schema=' + encodeURIComponent(schema) + '&color=' + colour;
        a.textContent = schema;
        li.appendChild(a);
        li.appendChild(document.createTextNode(' (' + schemas[schema] + ')'));
        ul.appendChild(li);
      });
      list.appendChild(ul);
    }
  }

  function clampLevels(text, fallback) {
    var n = parseInt(text, 10);
    return isNaN(n) ? fallback : Math.max(0, Math.min(50, n));
  }

  /* Environment and plan pages: their own graph, in the page; drawn whole unless it is too large. */
  function setupEmbedded(container) {
    var data = JSON.parse(document.getElementById('graph-data').textContent);
    var limit = parseInt(container.getAttribute('data-limit'), 10) || DRAW_LIMIT;
    if (data.nodes.length <= limit) {
      status(data.nodes.length + ' models drawn.');
      draw(container, data.nodes, data.edges, { colour: 'mark' });
      return;
    }
    var idx = index(data);
    var form = document.createElement('form');
    form.className = 'filters';
    form.innerHTML = '<label for="part-model">Model</label><input id="part-model" list="part-names" autocomplete="off" size="32">'
      + '<datalist id="part-names"></datalist><button type="submit">Draw its neighbourhood</button>';
    container.parentNode.insertBefore(form, container);
    suggest(form.querySelector('input'), form.querySelector('datalist'), data.nodes.map(function (node) { return node.id; }));
    status(data.nodes.length + ' models are too many to draw at once: choose one to draw its neighbourhood (2 levels each way).');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var model = form.querySelector('input').value.trim().toLowerCase();
      if (!idx.byId[model]) { status('No model named ' + model + ' here.'); return; }
      var hood = neighbourhood(idx, model, 2, 2, limit);
      var part = subgraph(idx, hood.ids);
      status('Showing ' + hood.ids.length + ' models around ' + model + '.');
      draw(container, part.nodes, part.edges, { colour: 'mark', focus: model });
    });
  }

  function setupGraphs() {
    var container = document.getElementById('graph');
    if (!container || typeof dagre === 'undefined') { return; }
    var page = container.getAttribute('data-page');
    if (page === 'dag' || page === 'lineage') { setupExplorer(container); } else { setupEmbedded(container); }
  }

  function start() {
    var started = performance.now();
    setupModelList();
    setupGraphs();
    document.documentElement.setAttribute('data-ready', (performance.now() - started).toFixed(1));
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
  window.Veneer = { draw: draw, neighbourhood: neighbourhood, index: index };
})();
