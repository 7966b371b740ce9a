// Small helpers that build DOM nodes: article text only ever reaches the page as text nodes.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function formatNumber(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en");
}

export function actorLabel(actors) {
  if (!actors || !actors.length) return "";
  const a = actors[0];
  const code = [a.code, a.sector].filter(Boolean).join(" ");
  return code ? `${a.entity_text} (${code})` : a.entity_text;
}
