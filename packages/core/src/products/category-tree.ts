/**
 * The category hierarchy as plain data: a shop has tens or hundreds of categories, so the
 * tree is read whole (one indexed read of a small table) and walked here.
 */

export interface CategoryNode {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
  archivedAt: Date | null;
}

export interface PlacedCategory<T extends CategoryNode = CategoryNode> {
  category: T;
  /** 0 for a top-level category. */
  depth: number;
  /** Names from the top-level ancestor down to the category itself. */
  path: string[];
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function childrenByParent<T extends CategoryNode>(rows: readonly T[]): Map<number | null, T[]> {
  const children = new Map<number | null, T[]>();
  for (const row of rows) {
    const list = children.get(row.parentId) ?? [];
    list.push(row);
    children.set(row.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => byName.compare(a.name, b.name));
  return children;
}

/** Every category in tree order: each parent, then its children by name, depth first. */
export function treeOrder<T extends CategoryNode>(rows: readonly T[]): PlacedCategory<T>[] {
  const children = childrenByParent(rows);
  const out: PlacedCategory<T>[] = [];
  const visit = (parentId: number | null, depth: number, path: string[]) => {
    for (const category of children.get(parentId) ?? []) {
      const own = [...path, category.name];
      out.push({ category, depth, path: own });
      visit(category.id, depth + 1, own);
    }
  };
  visit(null, 0, []);
  return out;
}

/** `id` and every category under it, at any depth. */
export function subtreeIds(rows: readonly CategoryNode[], id: number): number[] {
  const children = childrenByParent(rows);
  const ids: number[] = [];
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (ids.includes(next)) continue; // a cycle cannot be written, but never loop on one
    ids.push(next);
    for (const child of children.get(next) ?? []) stack.push(child.id);
  }
  return ids;
}

/** Whether `id` or one of its ancestors is archived (the storefront hides the subtree). */
export function archivedInPath(rows: readonly CategoryNode[], id: number): boolean {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const seen = new Set<number>();
  for (let row = byId.get(id); row && !seen.has(row.id); row = byId.get(row.parentId ?? -1)) {
    if (row.archivedAt) return true;
    seen.add(row.id);
  }
  return false;
}
