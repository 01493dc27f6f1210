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
      var column = (query.column || '').trim().toLowerCase();
      setupColumnPicker(container, idx, model, column);
      if (model && column) { columnLineage(container, idx, model, column); return; }
      if (!model) { status('Choose a model to see everything upstream and downstream of it, and a column for its column lineage.'); return; }
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

  /* --- column lineage ------------------------------------------------------------------------- */

  /* Each model's column lineage is a script, data/lineage/MODEL.js, loaded when the walk reaches the
     model: a script element, since a page opened from disk cannot fetch files. */
  var lineageWaiting = {}, lineageMissing = {};

  /* A model's data, its "N.column" references (N: an index into its tables) made 'schema.table.column'
     ("N.*" in rows_of: the models whose rows a column decides). */
  function lineageOf(model) {
    var data = (window.VENEER_LINEAGE || {})[model];
    if (data && data.tables) {
      var tables = data.tables;
      var full = function (ref) { var dot = ref.indexOf('.'); return tables[+ref.substring(0, dot)] + ref.substring(dot); };
      var all = function (refs) { return (refs || []).map(full); };
      data.columns.forEach(function (entry) {
        entry.sources = all(entry.sources);
        entry.readers = all(entry.readers);
        entry.rows_of = all(entry.rows_of).map(function (ref) { return splitColumn(ref).model; });
      });
      data.rows = all(data.rows);
      (data.leaves || []).forEach(function (leaf) { leaf.column = full(leaf.column); });
      delete data.tables;
    }
    return data;
  }

  function loadLineage(base, model, done) {
    if (lineageOf(model) || lineageMissing[model]) { done(); return; }
    if (lineageWaiting[model]) { lineageWaiting[model].push(done); return; }
    lineageWaiting[model] = [done];
    var script = document.createElement('script');
    script.src = base + model + '.js';
    script.onload = script.onerror = function (event) {
      if (event.type === 'error' || !lineageOf(model)) { lineageMissing[model] = true; }
      var callbacks = lineageWaiting[model];
      delete lineageWaiting[model];
      callbacks.forEach(function (callback) { callback(); });
    };
    document.head.appendChild(script);
  }

  function loadLineages(base, models, done) {
    var pending = models.length;
    if (!pending) { done(); return; }
    models.forEach(function (model) { loadLineage(base, model, function () { if (--pending === 0) { done(); } }); });
  }

  /* 'schema.table.column' -> {model, column}: model names are two plain parts. */
  function splitColumn(ref) {
    var parts = ref.split('.');
    return { model: parts[0] + '.' + parts[1], column: parts.slice(2).join('.') };
  }

  function columnOf(model, column) {
    var data = lineageOf(model);
    if (!data) { return null; }
    for (var i = 0; i < data.columns.length; i++) { if (data.columns[i].name === column) { return data.columns[i]; } }
    return null;
  }

  function lineageHref(model, column) {
    return 'lineage.html?model=' + encodeURIComponent(model) + '&column=' + encodeURIComponent(column);
  }

  function setupColumnPicker(container, idx, model, column) {
    var input = document.getElementById('dag-model');
    var select = document.getElementById('lineage-column');
    if (!input || !select) { return; }
    var base = container.getAttribute('data-lineage');
    var filled = null;
    function fill(name, chosen) {
      if (name === filled) { return; }
      filled = name;
      while (select.options.length > 1) { select.remove(1); }
      if (!idx.byId[name]) { return; }
      loadLineage(base, name, function () {
        var data = lineageOf(name);
        if (!data || input.value.trim().toLowerCase() !== name) { return; }
        data.columns.forEach(function (entry) {
          if (entry.output === false && entry.name !== chosen) { return; }
          var option = document.createElement('option');
          option.value = entry.name;
          option.textContent = entry.name + (entry.type ? ' (' + entry.type + ')' : '');
          select.appendChild(option);
        });
        select.value = chosen || '';
      });
    }
    input.addEventListener('change', function () { fill(input.value.trim().toLowerCase(), ''); });
    if (model) { fill(model, column); }
  }

  /* Walks upstream from model.column, then downstream, loading each model's data as the walk reaches it. */
  function columnLineage(container, idx, model, column) {
    var base = container.getAttribute('data-lineage');
    if (!idx.byId[model]) { status('No model named ' + model + ' in this project.'); return; }
    var done = later();
    var root = model + '.' + column;
    var nodes = {}, order = [], edges = [], edgeKeys = {}, leaves = {}, truncated = false;
    var upCount = 0, downCount = 0;

    function learnLeaves(data) { (data.leaves || []).forEach(function (leaf) { leaves[leaf.column] = leaf; }); }
    function node(ref, mark) {
      if (!nodes[ref]) {
        if (order.length >= DRAW_LIMIT) { truncated = true; return null; }
        var where = splitColumn(ref);
        nodes[ref] = { id: ref, model: where.model, column: where.column, marks: [] };
        order.push(ref);
      }
      if (nodes[ref].marks.indexOf(mark) < 0) { nodes[ref].marks.push(mark); }
      return nodes[ref];
    }
    function edge(from, to, rows) {
      var key = from + '>' + to + (rows ? ' rows' : '');
      if (!edgeKeys[key]) { edgeKeys[key] = true; edges.push({ from: from, to: to, rows: rows }); }
    }
    function isLeaf(ref) { var where = splitColumn(ref); return where.column === '*' || !idx.byId[where.model]; }
    function modelsOf(refs) {
      var models = [];
      refs.forEach(function (ref) {
        var where = splitColumn(ref);
        if (!isLeaf(ref) && models.indexOf(where.model) < 0) { models.push(where.model); }
      });
      return models;
    }
    function describe(ref) {
      var info = nodes[ref], where = splitColumn(ref);
      if (isLeaf(ref)) {
        var leaf = leaves[ref];
        info.kind = leaf ? leaf.kind : 'unknown';
        info.type = leaf && leaf.type;
        info.note = leaf && leaf.note;
        return null;
      }
      var entry = columnOf(where.model, where.column);
      info.kind = 'model';
      if (!entry) { info.note = lineageMissing[where.model] ? 'its lineage data could not be loaded' : 'not a column of ' + where.model; return null; }
      info.type = entry.type;
      info.note = entry.note;
      return entry;
    }

    status('Tracing ' + root + '…');
    loadLineage(base, model, function () {
      var data = lineageOf(model);
      if (!data) { status('The lineage data of ' + model + ' could not be loaded (' + base + model + '.js).'); done(); return; }
      var start = columnOf(model, column);
      if (!start) {
        var names = data.columns.filter(function (entry) { return entry.output !== false; }).map(function (entry) { return entry.name; });
        status('Model ' + model + ' has no column \'' + column + '\'; its columns are: ' + (names.length ? names.join(', ') : '(none known)') + '.');
        done();
        return;
      }
      learnLeaves(data);
      node(root, 'focus');
      var seenUp = {}, seenDown = {};
      seenUp[root] = seenDown[root] = true;
      upstream([root]);

      function upstream(frontier) {
        loadLineages(base, modelsOf(frontier), function () {
          var next = [];
          frontier.forEach(function (ref) {
            var entry = describe(ref);
            if (!entry) { return; }
            var data = lineageOf(splitColumn(ref).model);
            if (data) { learnLeaves(data); }
            (entry.sources || []).forEach(function (source) {
              if (!node(source, 'upstream')) { return; }
              edge(source, ref, false);
              if (!seenUp[source]) { seenUp[source] = true; upCount++; next.push(source); }
            });
          });
          if (next.length) { upstream(next); } else { rows(); }
        });
      }

      function rows() {
        (data.rows || []).forEach(function (ref) {
          if (node(ref, 'rows')) { edge(ref, root, true); }
        });
        loadLineages(base, modelsOf(data.rows || []), function () {
          (data.rows || []).forEach(function (ref) { if (nodes[ref] && !nodes[ref].kind) { describe(ref); } });
          downstream([root]);
        });
      }

      function downstream(frontier) {
        loadLineages(base, modelsOf(frontier), function () {
          var next = [];
          frontier.forEach(function (ref) {
            var where = splitColumn(ref);
            var entry = columnOf(where.model, where.column);
            if (ref !== root) { describe(ref); }
            if (!entry) { return; }
            (entry.readers || []).forEach(function (reader) {
              if (!node(reader, 'downstream')) { return; }
              edge(ref, reader, false);
              if (!seenDown[reader]) { seenDown[reader] = true; downCount++; next.push(reader); }
            });
            (entry.rows_of || []).forEach(function (child) {
              var rowsNode = node(child + '.*', 'rows_of');
              if (!rowsNode) { return; }
              rowsNode.kind = 'model';
              edge(ref, child + '.*', true);
            });
          });
          if (next.length) { downstream(next); } else { finish(); }
        });
      }

      function finish() {
        describe(root);
        status('Lineage of ' + root + ': ' + upCount + ' upstream and ' + downCount + ' downstream columns'
          + (truncated ? ' (more exist: the nearest ' + DRAW_LIMIT + ' are drawn)' : '') + '.');
        drawColumns(container, order.map(function (ref) { return nodes[ref]; }), edges, root);
        details(root, nodes, order, data);
        done();
      }
    });
  }

  var COLUMN_MARKS = {
    focus: 'the chosen column', upstream: 'feeds it (upstream)', downstream: 'computed from it (downstream)',
    rows: 'decides which rows its model has', rows_of: 'rows of a model that depend on it'
  };

  function columnLabel(info) {
    if (info.marks.indexOf('rows_of') >= 0) { return '(its rows)'; }
    if (info.column === '*') { return '* (every column)'; }
    return info.column;
  }

  /* Column nodes grouped in one card per model, cards laid out left to right by dagre, edges column to column. */
  function drawColumns(container, infos, edges, focus) {
    container.textContent = '';
    var HEADER = 26, ROW = 22, PAD = 6;
    var cards = {}, cardOrder = [];
    infos.forEach(function (info) {
      if (!cards[info.model]) {
        cards[info.model] = { id: info.model, kind: info.kind || 'model', rows: [] };
        cardOrder.push(info.model);
      }
      var card = cards[info.model];
      if (info.kind && info.kind !== 'model') { card.kind = info.kind; }
      card.rows.push(info);
    });
    cardOrder.forEach(function (id) {
      var card = cards[id], data = lineageOf(id), position = {};
      if (data) { data.columns.forEach(function (entry, i) { position[entry.name] = i; }); }
      card.rows.sort(function (a, b) {
        var pa = a.column === '*' ? 1e6 : (position[a.column] !== undefined ? position[a.column] : 1e5);
        var pb = b.column === '*' ? 1e6 : (position[b.column] !== undefined ? position[b.column] : 1e5);
        return pa !== pb ? pa - pb : (a.column < b.column ? -1 : a.column > b.column ? 1 : 0);
      });
      var width = textWidth(id + (card.kind === 'external' ? '  (external)' : '')) * 1.12 + 24;
      card.rows.forEach(function (info) { width = Math.max(width, textWidth(columnLabel(info)) + 28); });
      card.width = Math.ceil(width);
      card.height = HEADER + card.rows.length * ROW + PAD;
    });
    var graph = new dagre.graphlib.Graph();
    graph.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 90, marginx: 10, marginy: 10 });
    graph.setDefaultEdgeLabel(function () { return {}; });
    cardOrder.forEach(function (id) { graph.setNode(id, { width: cards[id].width, height: cards[id].height }); });
    var rowOf = {};
    infos.forEach(function (info) { rowOf[info.id] = info; });
    edges.forEach(function (e) {
      if (rowOf[e.from] && rowOf[e.to] && rowOf[e.from].model !== rowOf[e.to].model) { graph.setEdge(rowOf[e.from].model, rowOf[e.to].model); }
    });
    dagre.layout(graph);

    var toolbar = document.createElement('div');
    toolbar.className = 'graph-tools';
    var frame = document.createElement('div');
    frame.className = 'graph-frame';
    container.appendChild(toolbar);
    container.appendChild(frame);
    var size = graph.graph();
    var width = Math.max(size.width, 10), height = Math.max(size.height, 10);
    var svg = el('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img',
      'aria-label': 'Column lineage of ' + focus + ': ' + infos.length + ' columns in ' + cardOrder.length
        + ' tables, sources to the left of the columns computed from them' }, null);
    frame.appendChild(svg);
    var defs = el('defs', {}, svg);
    var marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '7', markerHeight: '7',
      orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M 0 0 L 10 5 L 0 10 z', 'class': 'arrow' }, marker);

    var anchor = {};
    cardOrder.forEach(function (id) {
      var card = cards[id], box = graph.node(id);
      card.x = box.x - card.width / 2;
      card.y = box.y - card.height / 2;
      card.rows.forEach(function (info, i) {
        anchor[info.id] = { left: card.x, right: card.x + card.width, y: card.y + HEADER + i * ROW + ROW / 2 };
      });
    });

    var edgeLayer = el('g', { 'class': 'edges' }, svg);
    edges.forEach(function (e) {
      var a = anchor[e.from], b = anchor[e.to];
      if (!a || !b) { return; }
      var x1 = a.right, x2 = b.left, bend = Math.max(30, Math.abs(x2 - x1) / 2);
      var d = 'M' + x1.toFixed(1) + ' ' + a.y.toFixed(1) + ' C' + (x1 + bend).toFixed(1) + ' ' + a.y.toFixed(1) + ' '
        + (x2 - bend).toFixed(1) + ' ' + b.y.toFixed(1) + ' ' + x2.toFixed(1) + ' ' + b.y.toFixed(1);
      el('path', { d: d, 'class': 'edge' + (e.rows ? ' rows-edge' : ''), 'marker-end': 'url(#arrow)', 'data-from': e.from,
        'data-to': e.to }, edgeLayer);
    });

    var cardLayer = el('g', { 'class': 'cards' }, svg);
    cardOrder.forEach(function (id) {
      var card = cards[id];
      var g = el('g', { 'class': 'card card-' + card.kind, 'data-model': id,
        transform: 'translate(' + card.x.toFixed(1) + ',' + card.y.toFixed(1) + ')' }, cardLayer);
      el('rect', { 'class': 'card-box', width: card.width, height: card.height, rx: 6, ry: 6 }, g);
      var header = card.kind === 'model' ? el('a', { href: modelHref(id), 'class': 'card-link' }, g) : g;
      var title = el('title', {}, header);
      title.textContent = id + (card.kind === 'model' ? ' (model): open its page' : ' (' + card.kind + ' table)');
      var label = el('text', { x: 10, y: 17, 'class': 'card-title' }, header);
      label.textContent = id + (card.kind === 'external' ? '  (external)' : '');
      card.rows.forEach(function (info, i) {
        var href = info.kind === 'model' && info.column !== '*' && info.id !== focus ? lineageHref(info.model, info.column) : null;
        var parent = href ? el('a', { href: href, 'class': 'node-link' }, g) : g;
        var classes = ['column-node'].concat(info.marks.map(function (mark) { return 'mark-' + mark; }));
        if (info.note) { classes.push('has-note'); }
        var row = el('g', { 'class': classes.join(' '), 'data-column': info.id, 'data-mark': info.marks.slice().sort().join(' '),
          transform: 'translate(4,' + (HEADER + i * ROW) + ')' }, parent);
        var tip = el('title', {}, row);
        tip.textContent = info.id + (info.type ? ' : ' + info.type : '') + ' · ' + info.marks.map(function (mark) { return COLUMN_MARKS[mark]; }).join(', ')
          + (info.note ? ' · ' + info.note : '');
        el('rect', { width: card.width - 8, height: ROW - 3, rx: 3, ry: 3 }, row);
        var text = el('text', { x: 8, y: 14 }, row);
        text.textContent = columnLabel(info);
      });
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
    var list = document.createElement('ul');
    list.className = 'legend';
    list.setAttribute('aria-label', 'Legend');
    var present = {};
    infos.forEach(function (info) { info.marks.forEach(function (mark) { present[mark] = true; }); });
    ['focus', 'upstream', 'rows', 'downstream', 'rows_of'].filter(function (mark) { return present[mark]; }).forEach(function (mark) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch mark-' + mark;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(COLUMN_MARKS[mark]));
      list.appendChild(item);
    });
    if (infos.some(function (info) { return info.note; })) {
      var noted = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch has-note';
      noted.appendChild(swatch);
      noted.appendChild(document.createTextNode('something is unknown about it (see the notes below)'));
      list.appendChild(noted);
    }
    container.appendChild(list);
  }

  /* The same lineage as text: readable without the drawing, and where the notes are said in full. */
  function details(root, nodes, order, data) {
    var box = document.getElementById('lineage-details');
    if (!box) { return; }
    box.textContent = '';
    function section(title, id, refs, describe) {
      var heading = document.createElement('h2');
      heading.textContent = title + ' (' + refs.length + ')';
      box.appendChild(heading);
      if (!refs.length) {
        var none = document.createElement('p');
        none.className = 'muted';
        none.textContent = 'none';
        box.appendChild(none);
        return;
      }
      var list = document.createElement('ul');
      list.id = id;
      list.className = 'plain';
      refs.forEach(function (ref) {
        var info = nodes[ref], item = document.createElement('li');
        item.setAttribute('data-column', ref);
        var code = document.createElement('code');
        code.textContent = describe ? describe(info) : ref;
        if (info.kind === 'model' && info.column !== '*' && ref !== root && info.marks.indexOf('rows_of') < 0) {
          var link = document.createElement('a');
          link.href = lineageHref(info.model, info.column);
          link.appendChild(code);
          item.appendChild(link);
        } else {
          item.appendChild(code);
        }
        var extra = (info.type ? ' ' + info.type : '') + (info.kind === 'external' ? ' (external)' : '');
        if (extra) { item.appendChild(document.createTextNode(extra)); }
        if (info.note) {
          var note = document.createElement('span');
          note.className = 'note';
          note.textContent = ' — ' + info.note;
          item.appendChild(note);
        }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    function having(mark) { return order.filter(function (ref) { return nodes[ref].marks.indexOf(mark) >= 0; }); }
    section('Upstream: what feeds it', 'lineage-upstream', having('upstream'));
    section('Its rows are decided by', 'lineage-rows', having('rows'));
    section('Downstream: what it feeds', 'lineage-downstream', having('downstream'));
    section('Models whose rows depend on it', 'lineage-rows-of', having('rows_of'), function (info) { return info.model; });
    var notes = [];
    if (nodes[root].note) { notes.push(root + ': ' + nodes[root].note); }
    if (data.star) { notes.push(root.split('.').slice(0, 2).join('.') + ' has ' + data.star + '.'); }
    if (data.unsupported) { notes.push('Columns of ' + data.model + ' are not traced through ' + data.unsupported + ': everything it reads may feed every column.'); }
    if (notes.length) {
      var heading = document.createElement('h2');
      heading.textContent = 'Notes';
      box.appendChild(heading);
      notes.forEach(function (text) { var p = document.createElement('p'); p.textContent = text; box.appendChild(p); });
    }
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

  /* The root element's data-ready says the page's script is done (ms since it started): tests and the
     render timing wait for it. The column lineage walk loads data first, then says it itself. */
  var started = 0, waiting = false;
  function ready() { document.documentElement.setAttribute('data-ready', (performance.now() - started).toFixed(1)); }
  function later() { waiting = true; return function () { waiting = false; ready(); }; }

  function start() {
    started = performance.now();
    setupModelList();
    setupGraphs();
    if (!waiting) { ready(); }
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
  window.Veneer = { draw: draw, neighbourhood: neighbourhood, index: index };
})();
