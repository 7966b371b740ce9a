// The 16 PLOVER event types in the manual's order, each with one colour: cooperation in blues and
// greens, verbal conflict in ambers, material conflict in purples and reds.
export const TYPES = [
  ["AGREE", "#1f77b4"], ["CONSULT", "#6baed6"], ["SUPPORT", "#17becf"], ["CONCEDE", "#9edae5"],
  ["COOPERATE", "#2ca02c"], ["AID", "#98df8a"], ["RETREAT", "#7f8c5a"], ["REQUEST", "#bcbd22"],
  ["ACCUSE", "#f2b701"], ["REJECT", "#ff7f0e"], ["THREATEN", "#c49c94"], ["PROTEST", "#9467bd"],
  ["SANCTION", "#8c564b"], ["MOBILIZE", "#e377c2"], ["COERCE", "#d62728"], ["ASSAULT", "#7a0010"],
];
export const TYPE_NAMES = TYPES.map(([name]) => name);
const COLOURS = Object.fromEntries(TYPES);

export function colourOf(type) {
  return COLOURS[type] || "#888";
}

// Span labels of the evidence view, in drawing priority (a trigger inside an actor name shows as trigger).
export const SPAN_LABELS = [
  ["trigger", "trigger"], ["actor", "actor"], ["recipient", "recipient"], ["count", "count"],
  ["date", "date"], ["place", "place"], ["speaker", "speaker"], ["quote", "quote"],
];
