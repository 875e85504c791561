// Selection (--only, GraphContracts.select/interaction) over the corpus' contract model and over
// the same model three times (pages repeated under distinct names): cost per example should stay
// flat, i.e. grow linearly with the docs. Alternated runs, medians printed.
'use strict';
const { root, corpusOrSkip } = require('./corpus');
const { extract, GraphContracts } = require(`${root}/dist`);
const { selectModel } = require(`${root}/dist/contract/select`);

const corpus = corpusOrSkip('bench:select');
const model = extract([corpus], { followLinks: false }).model;
const tripled = {
  ...model,
  pages: [0, 1, 2].flatMap((copy) => model.pages.map((page) => ({ ...page, file: copy === 0 ? page.file : page.file.replace(/\.md$/, `-copy${copy}.md`) }))),
};
const patterns = ['GET /users/{id}/**', 'user-*.md', 'create_event*', '* /groups/{id}/members', 'api/event-get.md#get_event', '* /me/**'];
const examples = (m) => m.pages.reduce((n, p) => n + p.pairs.length, 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

const runs = { '1x': { selectModel: [], interaction: [] }, '3x': { selectModel: [], interaction: [] } };
for (let i = 0; i < 7; i++) {
  for (const [name, m] of [['1x', model], ['3x', tripled]]) {
    runs[name].selectModel.push(time(() => selectModel(m, patterns)));
    // A fresh GraphContracts each time: building the interaction is part of the cost.
    runs[name].interaction.push(time(() => new GraphContracts(m).interaction('user-get.md#get_user')));
  }
}
for (const [name, m] of [['1x', model], ['3x', tripled]]) {
  const n = examples(m);
  const s = median(runs[name].selectModel);
  console.log(
    `${name}: ${n} examples, ${patterns.length} patterns: selectModel ${s.toFixed(1)} ms (${((s * 1000) / n).toFixed(2)} µs/example), ` +
      `interaction('user-get.md#get_user') ${median(runs[name].interaction).toFixed(1)} ms`,
  );
}
