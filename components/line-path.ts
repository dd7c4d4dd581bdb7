export interface LineBox {
  /** Width of the viewBox the line spans, first value at 0 and last at `width`. */
  width: number;
  /** y of the value 0, and y of the value `top` (SVG's y grows downwards). */
  yZero: number;
  yTop: number;
  top: number;
  /** Half-width of the dash drawn for a value with no neighbour, in slots. */
  dash: number;
}

/**
 * The `d` of an SVG path through the values, oldest first. A null (nothing measured) breaks the
 * line; a value with no neighbour on either side has nothing to join, so it becomes a short dash.
 */
export function linePath(values: (number | null)[], box: LineBox): string {
  const w = box.width / Math.max(1, values.length - 1);
  const f = (n: number) => n.toFixed(1);
  let d = '';
  values.forEach((v, i) => {
    if (v === null) return;
    const x = i * w;
    const y = f(box.yZero - (v / box.top) * (box.yZero - box.yTop));
    const before = values[i - 1] ?? null;
    const after = values[i + 1] ?? null;
    if (before === null && after === null) d += `M${f(Math.max(0, x - box.dash * w))} ${y}L${f(Math.min(box.width, x + box.dash * w))} ${y}`;
    else d += `${before === null ? 'M' : 'L'}${f(x)} ${y}`;
  });
  return d;
}
